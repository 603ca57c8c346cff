import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { fingerprintSchema } from "./fingerprint";
import {
  applyMigrations,
  diffSchemas,
  migrationsDir,
  readSchema,
  schemaPath,
  snapshotPath,
} from "./migrations";
import { createTestDatabase, type TestDatabase } from "./test-database";

const created: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(created.map((d) => d.drop()));
});

async function fresh(migrate: boolean) {
  const database = await createTestDatabase({ migrate });
  created.push(database);
  return database;
}

describe("migrations", () => {
  it("build the same schema as prisma/schema.prisma describes (no drift)", async () => {
    const fromMigrations = await fresh(true);
    const fromSchema = await fresh(false);
    const sql = await diffSchemas(fromSchema.url, null, await readSchema());
    const client = new pg.Client({ connectionString: fromSchema.url });
    await client.connect();
    await client.query(sql);
    await client.end();

    const migrated = await fingerprintSchema(fromMigrations.url);
    const described = await fingerprintSchema(fromSchema.url);
    expect(migrated.prisma).toEqual(described.prisma);
    expect(migrated.handWritten.join("\n")).toMatch(/sw_audit_no_change/);
    expect(migrated.handWritten.join("\n")).toMatch(/sw_audit_checkpoint_no_change/);
    expect(migrated.handWritten.join("\n")).toMatch(/sw_app_scope_live/);
  });

  it("have a snapshot equal to the schema, so every schema change has its migration", async () => {
    expect(await readFile(snapshotPath, "utf8")).toBe(await readFile(schemaPath, "utf8"));
  });

  it("apply once: a second run applies nothing and keeps Prisma's history table", async () => {
    const database = await fresh(true);
    expect(await applyMigrations(database.url)).toEqual([]);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query(
      `SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`,
    );
    await client.end();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  it("turn the renewal approvals stored as approvals marked 'renewal' into renew decisions", async () => {
    // The history up to just before the renewal kind, as a database of that time had it.
    const before = await mkdtemp(path.join(tmpdir(), "sw-migrations-"));
    try {
      await cp(migrationsDir, before, { recursive: true });
      const names = (await readdir(before)).sort();
      const first = names.find((name) => name.endsWith("_renewal_decision_kind"))!;
      for (const name of names)
        if (name >= first && !name.includes("."))
          await rm(path.join(before, name), { recursive: true });
      const database = await fresh(false);
      await applyMigrations(database.url, before);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        // Only the decisions matter here: the rows they refer to are left out.
        await client.query(`SET session_replication_role = replica`);
        const insert = (kind: string, narrowed: string | null) =>
          client.query(
            `INSERT INTO "ApprovalDecision" ("appScopeId", "adminId", "kind", "narrowedScope", "policyVersionId")
             VALUES (gen_random_uuid(), gen_random_uuid(), $1::"DecisionKind", $2, gen_random_uuid()) RETURNING "id"`,
            [kind, narrowed],
          );
        const renewal = (await insert("approve", "renewal")).rows[0].id;
        const approval = (await insert("approve", null)).rows[0].id;
        const narrowing = (await insert("narrow", "patient/Observation.rs")).rows[0].id;
        await client.query(`SET session_replication_role = origin`);

        expect(await applyMigrations(database.url)).toEqual(
          names.filter((name) => name >= first && !name.includes(".")),
        );
        const { rows } = await client.query(
          `SELECT "id", "kind", "narrowedScope" FROM "ApprovalDecision"`,
        );
        const byId = new Map(rows.map((r) => [r.id, [r.kind, r.narrowedScope]]));
        expect(byId.get(renewal)).toEqual(["renew", null]);
        expect(byId.get(approval)).toEqual(["approve", null]);
        expect(byId.get(narrowing)).toEqual(["narrow", "patient/Observation.rs"]);
      } finally {
        await client.end();
      }
    } finally {
      await rm(before, { recursive: true, force: true });
    }
  });

  it("make the audit log and its checkpoints append-only", async () => {
    const database = await fresh(true);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO "AuditEvent" (seq, at, "actorType", action, "entityType", "prevHash", hash) VALUES (1, now(), 'system', 'x', 'y', '', 'h')`,
      );
      await expect(client.query(`UPDATE "AuditEvent" SET action = 'z'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(client.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(
        /AuditEvent is append-only: DELETE refused/,
      );
      await client.query(
        `INSERT INTO "AuditCheckpoint" (seq, hash, "legacyUntil", at, "keyId", signature) VALUES (1, 'h', 0, now(), 'k', 's')`,
      );
      for (const sql of [
        `UPDATE "AuditCheckpoint" SET hash = 'x'`,
        `DELETE FROM "AuditCheckpoint"`,
        `TRUNCATE "AuditCheckpoint"`,
      ])
        await expect(client.query(sql)).rejects.toThrow(/AuditCheckpoint is append-only/);
    } finally {
      await client.end();
    }
  });
});
