import { cp, mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../database/client";
import { applyMigrations, migrationsDir } from "../database/migrations";
import { createTestDatabase, type TestDatabase } from "../database/test-database";
import { setupTestDb } from "../testing/setup-test-db";
import { GENESIS_HASH, legacyHashAuditEvent } from "./hash";
import { createAuditCheckpoint } from "./make-checkpoint";
import { recordAudit } from "./service";
import { verifyAuditChain } from "./verify";

const t = setupTestDb();
const actor = { type: "system" as const, label: "test" };
// Writers queue for the chain's lock and for the pool: a generous wait, as the machine is shared.
const record = (db = t.db, i = 0) =>
  db.$transaction(
    (tx) => recordAudit(tx, { actor, action: "test.event", entityType: "Thing", after: { i } }),
    { maxWait: 20_000, timeout: 20_000 },
  );

describe("audit chain", () => {
  it("gives concurrent writers gap-free sequence numbers, keyed, and a chain that verifies", async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => record(t.db, i)));
    const rows = await t.db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(rows.every((r) => r.chainVersion === 2 && r.hash !== legacyHashAuditEvent(r))).toBe(
      true,
    );
    const result = await verifyAuditChain(t.db, { checkpoints: null });
    expect(result).toMatchObject({ ok: true, checked: 12, headSeq: "12", problems: [] });
  });

  it("numbers events in commit order: a writer waits for the open transaction before it", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let firstSeq = 0n;
    const first = t.db.$transaction(
      async (tx) => {
        firstSeq = await recordAudit(tx, { actor, action: "test.first", entityType: "Thing" });
        await held;
      },
      { timeout: 20_000 },
    );
    await new Promise((r) => setTimeout(r, 200));
    const second = createPrismaClient(t.url, { poolSize: 1 });
    let secondSeq: bigint | null = null;
    const waiting = record(second).then((seq) => (secondSeq = seq));
    await new Promise((r) => setTimeout(r, 500));
    expect(secondSeq).toBeNull(); // still waiting for the first to commit
    release();
    await Promise.all([first, waiting]);
    await second.$disconnect();
    expect(secondSeq).toBe(firstSeq + 1n);
  });

  it("drops the event when its transaction rolls back, leaving no gap", async () => {
    await expect(
      t.db.$transaction(async (tx) => {
        await recordAudit(tx, { actor, action: "test.rolled_back", entityType: "Thing" });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    const next = await record();
    expect(next).toBe(BigInt(await t.db.auditEvent.count()));
    expect((await verifyAuditChain(t.db, { checkpoints: null })).ok).toBe(true);
  });
});

describe("an upgrade from the unkeyed chain", () => {
  const created: TestDatabase[] = [];
  afterAll(() => Promise.all(created.map((d) => d.drop())));

  it("keeps the events written before it verifiable, then continues the same chain keyed", async () => {
    // A database as deployed before the keyed chain: the first three migrations only.
    const database = await createTestDatabase({ migrate: false });
    created.push(database);
    const before = await mkdtemp(path.join(tmpdir(), "scopewarden-migrations-"));
    const names = (await readdir(migrationsDir)).filter((n) => n < "20261201");
    for (const name of names)
      await cp(path.join(migrationsDir, name), path.join(before, name), { recursive: true });
    await applyMigrations(database.url, before);

    // Events the way the old code wrote them: unkeyed SHA-256, head row updated.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    let prevHash = GENESIS_HASH;
    for (let seq = 1n; seq <= 3n; seq++) {
      const fields = {
        seq,
        at: new Date(Date.UTC(2026, 10, 1, 9, Number(seq))),
        actorType: "system",
        actorId: null,
        actorLabel: "portal",
        action: "policy.changed",
        entityType: "PolicyVersion",
        entityId: String(seq),
        organizationId: null,
        before: null,
        after: { version: Number(seq) },
        ip: null,
        prevHash,
      };
      const hash = legacyHashAuditEvent(fields);
      await client.query(
        `INSERT INTO "AuditEvent" (seq, at, "actorType", "actorLabel", action, "entityType", "entityId", after, "prevHash", hash) VALUES ($1, $2, 'system', 'portal', 'policy.changed', 'PolicyVersion', $3, $4, $5, $6)`,
        [seq.toString(), fields.at, fields.entityId, JSON.stringify(fields.after), prevHash, hash],
      );
      await client.query(`UPDATE "AuditHead" SET seq = $1, hash = $2 WHERE id = 1`, [
        seq.toString(),
        hash,
      ]);
      prevHash = hash;
    }
    await client.end();

    expect(await applyMigrations(database.url)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/_audit_keyed_chain$/),
        expect.stringMatching(/_audit_checkpoint_append_only$/),
      ]),
    );
    const db = createPrismaClient(database.url, { poolSize: 2 });
    try {
      const dir = await mkdtemp(path.join(tmpdir(), "scopewarden-upgrade-"));
      expect(await verifyAuditChain(db, { checkpoints: dir })).toMatchObject({
        ok: true,
        checked: 3,
      });
      const first = await createAuditCheckpoint(db, { dir });
      expect(first.checkpoint).toMatchObject({ seq: "3", legacyUntil: "3" });
      await record(db, 4);
      await createAuditCheckpoint(db, { dir });
      const rows = await db.auditEvent.findMany({ orderBy: { seq: "asc" } });
      expect(rows.map((r) => [Number(r.seq), r.chainVersion])).toEqual([
        [1, 1],
        [2, 1],
        [3, 1],
        [4, 2],
      ]);
      expect(rows[3]!.prevHash).toBe(rows[2]!.hash);
      expect(await verifyAuditChain(db, { checkpoints: dir })).toMatchObject({
        ok: true,
        checked: 4,
        checkpoint: { seq: "4" },
      });
    } finally {
      await db.$disconnect();
    }
  });
});
