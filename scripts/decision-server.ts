// npm run decision-server — the enforcement API (decisions, nginx decisions, client grants) as a
// small node:http process built from the same lib/ code as the portal's routes, for gateways that
// want a decision service beside them. Stateless: run as many as you like against one database.
//   DATABASE_URL        the portal's PostgreSQL (required)
//   DECISION_PORT       default 3300
//   DECISION_HOST       default 127.0.0.1 (use 0.0.0.0 to serve other hosts)
//   DB_POOL_SIZE        default 4
import { z } from "zod";
import { createPrismaClient } from "../lib/database/client";
import { loadEnvFiles } from "../lib/database/target";
import { startEnforcementApi } from "../lib/enforcement/http";
import { createDecisionServer } from "../lib/enforcement/node-server";

loadEnvFiles();
const ZConfig = z.object({
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is not set: point it at the portal's PostgreSQL." })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL"),
  DECISION_PORT: z.coerce.number().int().min(0).max(65535).default(3300),
  DECISION_HOST: z.string().default("127.0.0.1"),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(4),
});
const parsed = ZConfig.safeParse(process.env);
if (!parsed.success) {
  console.error(parsed.error.issues.map((i) => i.message).join("\n"));
  process.exit(2);
}
const config = parsed.data;
const db = createPrismaClient(config.DATABASE_URL, { poolSize: config.DB_POOL_SIZE });
const api = await startEnforcementApi(db);
const server = createDecisionServer(api);
server.listen(config.DECISION_PORT, config.DECISION_HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.DECISION_PORT;
  console.log(`Decision server listening on http://${config.DECISION_HOST}:${port}`);
});

async function shutdown() {
  server.close();
  await api.grants.stop();
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
