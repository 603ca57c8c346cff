// npm run decision-server — the enforcement API (decisions, nginx decisions, client grants) as a
// small node:http process built from the same lib/ code as the portal's routes, for gateways that
// want a decision service beside them. Stateless: run as many as you like against one database.
// It listens at once and warms its grant cache (every client, in batches); /healthz answers 503
// until that is done, then 200 (requests that arrive meanwhile are answered from the database).
//   DATABASE_URL              the portal's PostgreSQL (required)
//   DECISION_PORT             default 3300
//   DECISION_HOST             default 127.0.0.1 (use 0.0.0.0 to serve other hosts)
//   DB_POOL_SIZE              default 4
//   GRANT_CACHE_MAX_CLIENTS   clients kept in memory, default 250,000 (about 1 KB each)
//   AUTH_ISSUER               whose access tokens decisions verify (the portal's <APP_URL>/oauth or
//                             an external issuer); keys come from its discovery document. Unset:
//                             tokens are refused and only clientId/tokenScopes decisions work.
//   FHIR_BASE_URL             the tokens' audience (required with AUTH_ISSUER)
//   AUTH_INTROSPECTION_CLIENT_ID, AUTH_INTROSPECTION_CLIENT_SECRET   for opaque tokens (RFC 7662)
//   USAGE_RECORDING           on | off (default on): usage evidence per grant (lib/usage)
//   USAGE_FLUSH_SECONDS       how often the usage counters are written (default 30, ± 20 %)
import { z } from "zod";
import { createPrismaClient } from "../lib/database/client";
import { loadEnvFiles } from "../lib/database/target";
import { DEFAULT_MAX_CLIENTS } from "../lib/enforcement/grant-cache";
import { startEnforcementApi } from "../lib/enforcement/http";
import { createDecisionServer } from "../lib/enforcement/node-server";
import { ZUsageFlushSeconds } from "../lib/env";
import { usageFromEnv } from "../lib/usage/recorder";

loadEnvFiles();
const ZConfig = z.object({
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is not set: point it at the portal's PostgreSQL." })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL"),
  DECISION_PORT: z.coerce.number().int().min(0).max(65535).default(3300),
  DECISION_HOST: z.string().default("127.0.0.1"),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(4),
  GRANT_CACHE_MAX_CLIENTS: z.coerce.number().int().min(1).default(DEFAULT_MAX_CLIENTS),
  AUTH_ISSUER: z.url("AUTH_ISSUER must be an absolute URL").optional(),
  FHIR_BASE_URL: z.url("FHIR_BASE_URL must be an absolute URL").optional(),
  AUTH_INTROSPECTION_CLIENT_ID: z.string().min(1).optional(),
  AUTH_INTROSPECTION_CLIENT_SECRET: z.string().min(1).optional(),
  USAGE_RECORDING: z.enum(["on", "off"], { error: "USAGE_RECORDING is on or off." }).default("on"),
  USAGE_FLUSH_SECONDS: ZUsageFlushSeconds,
});
const parsed = ZConfig.safeParse(process.env);
if (!parsed.success) {
  console.error(parsed.error.issues.map((i) => i.message).join("\n"));
  process.exit(2);
}
const config = parsed.data;
const db = createPrismaClient(config.DATABASE_URL, { poolSize: config.DB_POOL_SIZE });
const api = await startEnforcementApi(db, {
  warm: false,
  cache: { maxClients: config.GRANT_CACHE_MAX_CLIENTS },
  usage: usageFromEnv(config),
});
if (!config.AUTH_INTROSPECTION_CLIENT_ID !== !config.AUTH_INTROSPECTION_CLIENT_SECRET) {
  console.error("AUTH_INTROSPECTION_CLIENT_ID and AUTH_INTROSPECTION_CLIENT_SECRET go together.");
  process.exit(2);
}
if (config.AUTH_ISSUER) {
  if (!config.FHIR_BASE_URL) {
    console.error("FHIR_BASE_URL must be set with AUTH_ISSUER: it is the tokens' audience.");
    process.exit(2);
  }
  api.tokens.configure({
    issuer: config.AUTH_ISSUER.replace(/\/+$/, ""),
    audience: config.FHIR_BASE_URL.replace(/\/+$/, ""),
    ...(config.AUTH_INTROSPECTION_CLIENT_ID && config.AUTH_INTROSPECTION_CLIENT_SECRET
      ? {
          introspection: {
            clientId: config.AUTH_INTROSPECTION_CLIENT_ID,
            clientSecret: config.AUTH_INTROSPECTION_CLIENT_SECRET,
          },
        }
      : {}),
  });
}
const server = createDecisionServer(api);
server.listen(config.DECISION_PORT, config.DECISION_HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.DECISION_PORT;
  console.log(`Decision server listening on http://${config.DECISION_HOST}:${port}`);
  void warm();
});

/** Warms the cache and says how long it took and what it costs in memory. */
async function warm() {
  const memory = liveMemory();
  await api.grants.warm();
  const after = liveMemory();
  const { clients, grants, ms, isComplete } = api.grants.warmUp();
  const perClient = (bytes: number) => Math.round(bytes / Math.max(clients, 1));
  console.log(
    `Decision server ready: ${clients.toLocaleString("en")} clients (${grants.toLocaleString("en")} grants) in ${((ms ?? 0) / 1000).toFixed(1)} s` +
      `${isComplete ? "" : ` (stopped at GRANT_CACHE_MAX_CLIENTS; the rest load on first use)`}; ` +
      `memory per client: heap ${perClient(after.heapUsed - memory.heapUsed)} B, RSS ${perClient(after.rss - memory.rss)} B`,
  );
}

/** Memory in use; live objects only when the process runs with --expose-gc (the benchmark does). */
function liveMemory() {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage();
}

async function shutdown() {
  await new Promise((resolve) => server.close(resolve));
  await api.stop();
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());
