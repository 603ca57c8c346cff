// PostgreSQL only (PGlite has a single user): the portal connected as its restricted role still
// works, records audit events and checkpoints and runs its jobs, but cannot change audit history.
import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../prisma/factories";
import { auditCheckpointJob } from "../audit/jobs";
import { verifyAuditChain } from "../audit/verify";
import { startJobRunner } from "../jobs/runner";
import type { Actor } from "../actor";
import { announceAuditCheckpoint } from "../webhooks/outbox";
import { deriveWebhookKey } from "../webhooks/secrets";
import { createWebhookEndpoint } from "../webhooks/service";
import { grantAppRole } from "./app-role";
import { createPrismaClient, type Db } from "./client";
import {
  createTestDatabase,
  postgresServerUrl,
  testBackend,
  type TestDatabase,
} from "./test-database";

const role = `sw_app_${randomBytes(4).toString("hex")}`;
const quiet = { info: () => {}, error: () => {} };
let database: TestDatabase;
let appUrl: string;
let app: Db;

async function asApp<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "allowed",
    (e: { code?: string }) => e.code,
  );

describe.runIf(testBackend() === "postgres")("the app's database role", () => {
  beforeAll(async () => {
    process.env.AUDIT_CHECKPOINT_DIR = await mkdtemp(path.join(tmpdir(), "scopewarden-role-"));
    database = await createTestDatabase(); // migrated as the owner
    const url = new URL(database.url);
    url.username = role;
    url.password = "app-role-secret";
    appUrl = url.toString();
    // The job schema as a deployment from before the role split has it: made by the owner.
    const owner = createPrismaClient(database.url, { poolSize: 2 });
    const runner = await startJobRunner({
      databaseUrl: database.url,
      db: owner,
      jobs: [],
      log: quiet,
    });
    await runner.stop();
    await owner.$disconnect();
    expect(await grantAppRole(database.url, appUrl, { create: true })).toEqual({
      role,
      created: true,
    });
    app = createPrismaClient(appUrl, { poolSize: 3 });
  });
  afterAll(async () => {
    await app?.$disconnect();
    await database?.drop();
    const admin = new pg.Client({ connectionString: postgresServerUrl() });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });

  it("runs the portal: domain writes record audit events, checkpoints are signed, jobs run", async () => {
    const admin = (await createUser(app, { role: "admin" })) as Actor;
    await createWebhookEndpoint(
      app,
      admin,
      { url: "https://audit-copies.example/hook", events: ["audit.checkpoint"] },
      { key: deriveWebhookKey("app-role-test-key-material-of-32-chars") },
    );
    expect(await app.auditEvent.count()).toBeGreaterThan(0);

    const runner = await startJobRunner({
      databaseUrl: appUrl,
      db: app,
      jobs: [auditCheckpointJob(announceAuditCheckpoint)],
      pollingIntervalSeconds: 0.5,
      log: quiet,
    });
    try {
      await runner.kick("audit.checkpoint");
      const started = Date.now();
      while ((await app.auditCheckpoint.count()) === 0 && Date.now() - started < 30_000)
        await new Promise((r) => setTimeout(r, 200));
    } finally {
      await runner.stop();
    }
    expect(await app.auditCheckpoint.count()).toBe(1);
    expect(await app.webhookDelivery.count({ where: { eventType: "audit.checkpoint" } })).toBe(1);
    expect(await verifyAuditChain(app)).toMatchObject({ ok: true, problems: [] });
  }, 90_000);

  it("cannot update, delete or truncate audit events or checkpoints, nor switch their triggers off", async () => {
    const attempts = await asApp(async (client) => {
      const out: Record<string, string | undefined> = {};
      for (const table of ["AuditEvent", "AuditCheckpoint"]) {
        out[`${table} update`] = await codeOf(client.query(`UPDATE "${table}" SET hash = 'x'`));
        out[`${table} delete`] = await codeOf(client.query(`DELETE FROM "${table}"`));
        out[`${table} truncate`] = await codeOf(client.query(`TRUNCATE "${table}"`));
        out[`${table} disable triggers`] = await codeOf(
          client.query(`ALTER TABLE "${table}" DISABLE TRIGGER USER`),
        );
      }
      out["read"] = await codeOf(client.query(`SELECT count(*) FROM "AuditEvent"`));
      out["other tables"] = await codeOf(client.query(`UPDATE "User" SET name = name`));
      return out;
    });
    // 42501: insufficient privilege (refused by the grants, before any trigger runs).
    expect(attempts).toEqual({
      "AuditEvent update": "42501",
      "AuditEvent delete": "42501",
      "AuditEvent truncate": "42501",
      "AuditEvent disable triggers": "42501",
      "AuditCheckpoint update": "42501",
      "AuditCheckpoint delete": "42501",
      "AuditCheckpoint truncate": "42501",
      "AuditCheckpoint disable triggers": "42501",
      read: "allowed",
      "other tables": "allowed",
    });
  });
});
