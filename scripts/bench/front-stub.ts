// The front server (lib/runtime/front-server.ts) with a stub in place of Next.js, for
// bench:decisions when no production build exists: the enforcement endpoints are routed and
// answered exactly as under `npm start` (they never reach Next.js).
import { createPrismaClient } from "../../lib/database/client";
import { getEnv } from "../../lib/env";
import { startFrontServer } from "../../lib/runtime/front-server";
import { usageFromEnv } from "../../lib/usage/recorder";
import { reportWarmUp } from "../../lib/runtime/warm-up-report";

const env = getEnv();
const db = createPrismaClient(env.DATABASE_URL, { poolSize: env.DB_POOL_SIZE });
const front = await startFrontServer({
  db,
  port: Number(process.env.PORT ?? 0),
  host: "127.0.0.1",
  authServer: () => null,
  usage: usageFromEnv(env),
  next: async () => ({
    handle: (_req, res) => void res.writeHead(404).end(),
    close: async () => {},
  }),
});
console.log(`Front server (Next.js stubbed) listening at ${front.origin}`);
void reportWarmUp(front.enforcement.grants);
const stop = () =>
  void front
    .close()
    .then(() => db.$disconnect())
    .then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
