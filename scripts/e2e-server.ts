// The server Playwright tests run against: a fresh database each run, demo data loaded.
// E2E_DB=pglite (default): a new embedded database in .data/e2e. E2E_DB=postgres: a new database
// on the local PostgreSQL server (TEST_DATABASE_URL), dropped when the server stops.
import { spawn } from "node:child_process";
import { appendFileSync, mkdirSync, rmSync } from "node:fs";
import { SMTPServer } from "smtp-server";
import path from "node:path";
import { generateAuditSecrets } from "../lib/audit/keys";
import { createTestDatabase, type TestDatabase } from "../lib/database/test-database";
import { generateCookieKeys, generateSigningJwks } from "../lib/authserver/keys";
import { E2E_REGISTRATION_TOKEN } from "../e2e/registration-token";
import { fhirGatewayOrigin } from "../e2e/fhir-gateway";

const backend = process.env.E2E_DB === "postgres" ? "postgres" : "pglite";
const dir = path.resolve(".data", "e2e");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

// The portal's mail goes to a real SMTP server on loopback; each message is appended to
// mail.jsonl, where the specs read links as the recipient would (e2e/fixtures.ts).
const mailLog = path.join(dir, "mail.jsonl");
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, session, callback) {
    let data = "";
    stream.on("data", (chunk) => (data += chunk));
    stream.on("end", () => {
      for (const to of session.envelope.rcptTo.map((r) => r.address))
        appendFileSync(mailLog, `${JSON.stringify({ to, data })}\n`);
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
const smtpPort = (smtp.server.address() as { port: number }).port;
// The webhook tests receive deliveries on 127.0.0.1, which a production server refuses by default.
// A fresh database has a fresh audit log: its checkpoints start in a fresh directory.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  OUTBOUND_ALLOW_PRIVATE_TARGETS: "true",
  AUDIT_CHECKPOINT_DIR: path.join(dir, "audit-checkpoints"),
  AUTH_REGISTRATION_TOKEN: E2E_REGISTRATION_TOKEN,
  // Tokens are for the FHIR API behind the end-to-end gateway (e2e/smart-app-launch.spec.ts).
  FHIR_BASE_URL: `${fhirGatewayOrigin(Number(process.env.PORT ?? 3100))}/fhir`,
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  // Every spec signs up from 127.0.0.1.
  SIGN_UP_LIMIT_PER_HOUR: "10000",
  // The specs register backend apps with JWKS URLs on example.com, which this machine cannot reach.
  JWKS_URL_CHECK: "skip",
  // The demo backend's key for this run stays beside this run's data, not the development one.
  DEMO_BACKEND_KEY_FILE: path.join(dir, "demo-backend-key.json"),
};
let database: TestDatabase | undefined;

if (backend === "postgres") {
  database = await createTestDatabase({ backend: "postgres", migrate: false });
  const host = new URL(database.url).hostname;
  if (!["127.0.0.1", "localhost", "::1"].includes(host))
    throw new Error(`Refusing to run end-to-end tests against a non-local database (${host}).`);
  Object.assign(env, {
    DATABASE_URL: database.url,
    SEED_DEMO: "true",
    NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e",
    AUTH_COOKIE_KEYS: generateCookieKeys(),
    AUTH_JWKS: JSON.stringify(await generateSigningJwks()),
    ...generateAuditSecrets(),
  });
} else {
  delete env.DATABASE_URL;
  // `npm start` serves the embedded database and its demo accounts only when asked to.
  Object.assign(env, { EMBEDDED_DB: "true", SEED_DEMO: "true" });
  env.EMBEDDED_DB_DIR = path.join(dir, "pglite");
}

const child = spawn(
  process.execPath,
  [
    path.resolve("node_modules/tsx/dist/cli.mjs"),
    "scripts/serve.ts",
    process.env.E2E_MODE ?? "start",
  ],
  { stdio: "inherit", env },
);
const stop = (signal: NodeJS.Signals) => child.kill(signal);
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
child.on("exit", async (code) => {
  smtp.close();
  await database?.drop().catch(() => {});
  process.exit(code ?? 0);
});
