import "server-only";
import { createPrismaClient, type Db } from "./database/client";
import { getEnv } from "./env";

const globalForDb = globalThis as unknown as { scopewardenDb?: Db };

/** The app's one Prisma client (kept on globalThis so dev hot reloads reuse the pool). */
export function getDb(): Db {
  if (!globalForDb.scopewardenDb) {
    const env = getEnv();
    globalForDb.scopewardenDb = createPrismaClient(env.DATABASE_URL, {
      poolSize: env.DB_POOL_SIZE,
    });
  }
  return globalForDb.scopewardenDb;
}

export type { Db, Tx } from "./database/client";
