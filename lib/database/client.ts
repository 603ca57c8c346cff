import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

/** Secret hashes never leave the database unless a query asks for them by name. */
const omit = {
  user: { passwordHash: true },
  app: { clientSecretHash: true },
  apiKey: { keyHash: true },
  invitation: { tokenHash: true },
  webhookEndpoint: { secretCiphertext: true },
  endUser: { passwordHash: true },
} as const;

export function createPrismaClient(databaseUrl: string, options: { poolSize?: number } = {}) {
  const adapter = new PrismaPg({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    // pg waits forever for a connection by default; an unreachable server must fail the query
    // instead (the longest transactions here wait up to 30 s for one too).
    connectionTimeoutMillis: 30_000,
  });
  return new PrismaClient({ adapter, omit });
}

export type Db = ReturnType<typeof createPrismaClient>;
/** A client inside `db.$transaction(async (tx) => …)`; domain code accepts either. */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
