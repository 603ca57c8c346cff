import { readFile } from "node:fs/promises";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { fingerprintSchema } from "./fingerprint";
import { applyMigrations, diffSchemas, readSchema, schemaPath, snapshotPath } from "./migrations";
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
