// npm run dev | npm start
// Without DATABASE_URL: starts the embedded PostgreSQL (PGlite, data in .data/pglite), applies the
// migrations, loads demo data on the first run, then runs the front server (scripts/front-server.ts:
// enforcement API, embedded authorization server and Next.js in one process) against it. With
// DATABASE_URL: the same against that server. `npm start` (production) refuses the embedded
// database unless EMBEDDED_DB=true, and loads the demo accounts (whose password is published)
// only with SEED_DEMO=true; `npm run dev` loads them into the embedded database by default.
import { spawn } from "node:child_process";
import path from "node:path";
import { z } from "zod";
import { developmentAuditSecrets } from "../lib/audit/keys";
import { createPrismaClient } from "../lib/database/client";
import { loadEnvFiles, migrateTarget, openDatabaseTarget } from "../lib/database/target";
import { AUTH_SERVER_SECRETS, developmentSecret, SESSION_SECRET } from "../lib/runtime/dev-secrets";
import { hasDemoData, printDemoCredentials, seedDemoData } from "../prisma/seed";

const ZMode = z.enum(["dev", "start"], { error: "usage: tsx scripts/serve.ts dev|start" });
const parsedMode = ZMode.safeParse(process.argv[2]);
if (!parsedMode.success) {
  console.error(parsedMode.error.issues[0]?.message);
  process.exit(2);
}
const mode = parsedMode.data;
loadEnvFiles();
const port = z.coerce
  .number()
  .int()
  .min(1)
  .max(65535)
  .parse(process.env.PORT ?? 3000);

/**
 * The session secret and the embedded authorization server's keys: from the environment, or kept
 * in .data/ for development and the embedded demo. Production with PostgreSQL must set its own.
 */
async function secrets(isEmbedded: boolean): Promise<Record<string, string>> {
  const needed = [SESSION_SECRET, ...(process.env.AUTH_ISSUER ? [] : AUTH_SERVER_SECRETS)];
  const missing = needed.filter((s) => !process.env[s.variable]).map((s) => s.variable);
  if (mode === "start" && !isEmbedded && missing.length) {
    console.error(
      `${missing.join(", ")} must be set when serving a PostgreSQL database (see README, "Production with PostgreSQL"; \`npm run auth:keys\` prints new authorization server keys).`,
    );
    process.exit(2);
  }
  const values: Record<string, string> = {};
  for (const secret of needed)
    values[secret.variable] = await developmentSecret(secret, path.resolve(".data"));
  return values;
}

/** The audit chain's keys: generated into .data/ in development; production must set its own. */
function auditSecrets(isEmbedded: boolean) {
  const { AUDIT_HMAC_KEY, AUDIT_SIGNING_KEY } = process.env;
  if (AUDIT_HMAC_KEY && AUDIT_SIGNING_KEY) return { AUDIT_HMAC_KEY, AUDIT_SIGNING_KEY };
  if (mode === "start" && !isEmbedded) {
    console.error(
      "AUDIT_HMAC_KEY and AUDIT_SIGNING_KEY must be set when serving a PostgreSQL database (`npm run audit:keys -- generate`).",
    );
    process.exit(2);
  }
  const generated = developmentAuditSecrets();
  return {
    AUDIT_HMAC_KEY: AUDIT_HMAC_KEY ?? generated.AUDIT_HMAC_KEY,
    AUDIT_SIGNING_KEY: AUDIT_SIGNING_KEY ?? generated.AUDIT_SIGNING_KEY,
  };
}

if (mode === "start" && !process.env.DATABASE_URL && process.env.EMBEDDED_DB !== "true") {
  console.error(
    "npm start serves production and needs DATABASE_URL (PostgreSQL). To run it on the embedded database anyway (a demo, a test), set EMBEDDED_DB=true.",
  );
  process.exit(2);
}

const target = await openDatabaseTarget();
// Seeding below writes audit events and seals client secrets in this process: the same keys as
// the server's.
Object.assign(process.env, auditSecrets(target.isEmbedded));
Object.assign(process.env, await secrets(target.isEmbedded));
let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  await target.release().catch(() => {});
  process.exit(code);
}

try {
  const where = target.isEmbedded
    ? `embedded PostgreSQL (PGlite) at ${target.url.replace(/\?.*$/, "")}`
    : "DATABASE_URL";
  console.log(`Database: ${where}`);
  const applied = await migrateTarget(target);
  if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
  const wantsDemo =
    process.env.SEED_DEMO === "true" ||
    (mode === "dev" && target.isEmbedded && process.env.SEED_DEMO !== "false");
  if (wantsDemo) {
    const db = createPrismaClient(target.url, { poolSize: 2 });
    try {
      if (!(await hasDemoData(db)) && (target.isEmbedded ? (await db.user.count()) === 0 : true)) {
        console.log("Loading demo data…");
        await seedDemoData(db);
        printDemoCredentials();
      }
    } finally {
      await db.$disconnect();
    }
  }
} catch (error) {
  console.error(
    `Could not prepare the database: ${error instanceof Error ? error.message : String(error)}`,
  );
  await shutdown(1);
}

const appUrl = process.env.APP_URL ?? process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;
// One serving process; tsx's loader lets it import the app's TypeScript modules directly.
const child = spawn(process.execPath, ["--import", "tsx", "scripts/front-server.ts", mode], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: mode === "dev" ? "development" : "production",
    PORT: String(port),
    DATABASE_URL: target.url,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? appUrl,
    NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1",
    APP_URL: appUrl,
    // The embedded database serves one query at a time; a small pool avoids queueing behind it.
    ...(target.isEmbedded && !process.env.DB_POOL_SIZE ? { DB_POOL_SIZE: "4" } : {}),
  },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code, signal) => void shutdown(code ?? (signal ? 0 : 1)));
