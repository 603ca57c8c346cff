// npm run dev | npm start
// Without DATABASE_URL: starts the embedded PostgreSQL (PGlite, data in .data/pglite), applies the
// migrations, loads demo data on the first run, then runs Next.js against it. With DATABASE_URL:
// the same against that server, and demo data only when SEED_DEMO=true.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { developmentAuditSecrets } from "../lib/audit/keys";
import { createPrismaClient } from "../lib/database/client";
import { loadEnvFiles, migrateTarget, openDatabaseTarget } from "../lib/database/target";
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

/** A development secret kept in .data/, so sessions survive restarts; production must set its own. */
function sessionSecret(isEmbedded: boolean): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  if (mode === "start" && !isEmbedded) {
    console.error(
      "NEXTAUTH_SECRET must be set when serving a PostgreSQL database (32+ random characters, e.g. `openssl rand -base64 32`).",
    );
    process.exit(2);
  }
  const file = path.resolve(".data", "session-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
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

const target = await openDatabaseTarget();
// Seeding below writes audit events in this process: the same keys as the server's.
Object.assign(process.env, auditSecrets(target.isEmbedded));
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
  const wantsDemo = target.isEmbedded || process.env.SEED_DEMO === "true";
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
const child = spawn(
  process.execPath,
  [path.resolve("node_modules/next/dist/bin/next"), mode, "-p", String(port)],
  {
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: target.url,
      NEXTAUTH_SECRET: sessionSecret(target.isEmbedded),
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? appUrl,
      NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1",
      APP_URL: appUrl,
      // The embedded database serves one query at a time; a small pool avoids queueing behind it.
      ...(target.isEmbedded && !process.env.DB_POOL_SIZE ? { DB_POOL_SIZE: "4" } : {}),
    },
  },
);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code, signal) => void shutdown(code ?? (signal ? 0 : 1)));
