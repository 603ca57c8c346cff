// The serving process of `npm run dev` / `npm start` (spawned by scripts/serve.ts once the database
// is ready): the front server (lib/runtime/front-server.ts) with Next.js behind it.
//   argv[2]   dev | start
//   PORT, DATABASE_URL, NEXTAUTH_SECRET, APP_URL, AUTH_*: set by scripts/serve.ts
import { z } from "zod";
import { authServerConfig, tokenVerificationOf } from "../lib/authserver/settings";
import { createPrismaClient } from "../lib/database/client";
import { getEnv } from "../lib/env";
import { parseProxyTrust } from "../lib/http/client-ip";
import { getAvailability } from "../lib/runtime/availability";
import { flushProvisioningFromEnv } from "../lib/provisioning/jobs";
import { startFrontServer } from "../lib/runtime/front-server";
import { usageFromEnv } from "../lib/usage/recorder";
import { reportWarmUp } from "../lib/runtime/warm-up-report";

const mode = z.enum(["dev", "start"]).parse(process.argv[2]);
const ZPort = z.coerce.number().int().min(0).max(65535).default(3000);

try {
  const env = getEnv();
  const port = ZPort.parse(process.env.PORT);
  const authServer = authServerConfig(env);
  if (authServer.mode === "embedded" && env.NODE_ENV === "production" && !env.AUTH_ENCRYPTION_KEY)
    console.warn(
      "AUTH_ENCRYPTION_KEY is not set: the authorization server encrypts client secrets with NEXTAUTH_SECRET. Set a separate key in production.",
    );
  const proxyTrust = parseProxyTrust(env.TRUSTED_PROXIES, env.TRUSTED_PROXY_HOPS);
  const db = createPrismaClient(env.DATABASE_URL, { poolSize: env.DB_POOL_SIZE });
  const front = await startFrontServer({
    db,
    proxyTrust,
    appUrl: env.APP_URL,
    port,
    availability: getAvailability(),
    usage: usageFromEnv(env),
    authServer: () => (authServer.mode === "embedded" ? authServer : null),
    tokens: tokenVerificationOf(env),
    next: async (server) => {
      const { default: next } = await import("next");
      const app = next({
        dev: mode === "dev",
        dir: process.cwd(),
        httpServer: server,
        port,
        hostname: "localhost",
      });
      await app.prepare();
      return { handle: app.getRequestHandler(), close: () => app.close() };
    },
  });
  const as =
    authServer.mode === "embedded"
      ? `embedded authorization server at ${authServer.issuer}`
      : `tokens from ${authServer.issuer}`;
  console.log(`Scopewarden on ${env.APP_URL} (${mode}; ${as}; listening at ${front.origin})`);
  void reportWarmUp(front.enforcement.grants);
  // Whatever changed while the server was down (or was seeded) reaches the authorization server now.
  void flushProvisioningFromEnv(db).catch((error: unknown) =>
    console.error("Provisioning at start failed; the recurring job will retry", error),
  );

  // A terminal's Ctrl-C reaches this process twice (directly and through serve.ts): stop once.
  let isStopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (isStopping) return;
    isStopping = true;
    console.log(`${signal}: finishing requests in flight, then stopping.`);
    setTimeout(() => process.exit(1), 20_000).unref();
    front
      .close()
      .then(() => db.$disconnect())
      .then(
        () => process.exit(0),
        (error) => {
          console.error("The server did not stop cleanly", error);
          process.exit(1);
        },
      );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
