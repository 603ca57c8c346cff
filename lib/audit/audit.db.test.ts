import pg from "pg";
import { describe, expect, it } from "vitest";
import { setupTestDb } from "../testing/setup-test-db";
import { recordAudit } from "./service";
import { verifyAuditChain } from "./verify";

const t = setupTestDb();
const actor = { type: "system" as const, label: "test" };

async function tamper(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER sw_audit_no_change`);
    await client.query(sql);
    await client.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER sw_audit_no_change`);
  } finally {
    await client.end();
  }
}

describe("audit chain", () => {
  it("gives concurrent writers gap-free sequence numbers and a chain that verifies", async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.db.$transaction((tx) =>
          recordAudit(tx, {
            actor,
            action: "test.event",
            entityType: "Thing",
            entityId: String(i),
            after: { i, at: new Date() },
          }),
        ),
      ),
    );
    const rows = await t.db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const result = await verifyAuditChain(t.db);
    expect(result).toMatchObject({ ok: true, checked: 12, headSeq: "12", problems: [] });
  });

  it("drops the event when its transaction rolls back, leaving no gap", async () => {
    await expect(
      t.db.$transaction(async (tx) => {
        await recordAudit(tx, { actor, action: "test.rolled_back", entityType: "Thing" });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("reports an edited row", async () => {
    await tamper(t.url, `UPDATE "AuditEvent" SET "after" = '{"i": 99}' WHERE seq = 3`);
    const result = await verifyAuditChain(t.db);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ seq: "3", problem: "edited" }),
    );
  });

  it("reports a deleted row in the middle and at the end", async () => {
    await tamper(t.url, `DELETE FROM "AuditEvent" WHERE seq = 5`);
    let result = await verifyAuditChain(t.db);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ seq: "6", problem: "deleted" }),
    );

    await tamper(t.url, `DELETE FROM "AuditEvent" WHERE seq = 12`);
    result = await verifyAuditChain(t.db);
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        problem: "deleted",
        detail: expect.stringContaining("ends at 11"),
      }),
    );
  });
});
