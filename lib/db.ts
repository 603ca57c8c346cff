import "server-only";
import { createPrismaClient, type Db } from "./database/client";
import { getEnv } from "./env";
import { sharedDb } from "./instance";

/** The app's one Prisma client: the front server's, or made on first use (one per process). */
export function getDb(): Db {
  return sharedDb(() => {
    const env = getEnv();
    return createPrismaClient(env.DATABASE_URL, { poolSize: env.DB_POOL_SIZE });
  });
}

export type { Db, Tx } from "./database/client";
