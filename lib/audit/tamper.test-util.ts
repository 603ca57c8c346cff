// An attacker with database access, for the tamper tests: raw SQL as the table owner with the
// append-only triggers switched off, and unkeyed SHA-256 (all such an attacker can compute).
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { Db } from "../database/client";
import { legacyHashAuditEvent, GENESIS_HASH, type HashedFields } from "./hash";
import { createAuditCheckpoint } from "./make-checkpoint";
import { recordAudit } from "./service";

const TABLES = `"AuditEvent", "AuditCheckpoint"`;
type Row = HashedFields & { hash: string; chainVersion: number };

export type Attacker = {
  sql: (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
  rows: () => Promise<Row[]>;
  /** Recomputes hashes (unkeyed) from `from` to `to` (default: the end), relinking each to the one before. */
  rehash: (from: number, to?: number) => Promise<void>;
  /** Adds `delta` to every seq from `from` on. */
  renumber: (from: number, delta: number) => Promise<void>;
  /** A made-up event with a correct unkeyed hash, linked to `prevHash` (default: the event before). */
  forge: (
    seq: number,
    options?: { chainVersion?: number; prevHash?: string; after?: unknown },
  ) => Promise<void>;
  /** Exchanges everything but the sequence numbers of two events. */
  swap: (a: number, b: number) => Promise<void>;
};

const COLUMNS = [
  "at",
  "actorType",
  "actorId",
  "actorLabel",
  "action",
  "entityType",
  "entityId",
  "organizationId",
  "before",
  "after",
  "ip",
  "prevHash",
  "hash",
  "chainVersion",
].map((c) => `"${c}"`);

function rowOf(r: Record<string, unknown>): Row {
  return { ...(r as unknown as Row), seq: BigInt(r.seq as string) };
}

export async function asAttacker(url: string, tamper: (attacker: Attacker) => Promise<void>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const sql = (text: string, values?: unknown[]) => client.query(text, values);
  const rows = async () => (await sql(`SELECT * FROM "AuditEvent" ORDER BY seq`)).rows.map(rowOf);
  const insert = async (row: Row) => {
    const names = ["seq", ...COLUMNS.map((c) => c.replace(/"/g, ""))];
    const values = names.map((n) => (row as unknown as Record<string, unknown>)[n]);
    const json = (v: unknown, i: number) =>
      names[i] === "before" || names[i] === "after" ? JSON.stringify(v) : v;
    await sql(
      `INSERT INTO "AuditEvent" (seq, ${COLUMNS.join(", ")}) VALUES (${names.map((_, i) => `$${i + 1}`).join(", ")})`,
      values.map((v, i) => (typeof v === "bigint" ? v.toString() : json(v, i))),
    );
  };
  const attacker: Attacker = {
    sql,
    rows,
    rehash: async (from, to = Number.MAX_SAFE_INTEGER) => {
      const all = await rows();
      let prev = all.find((r) => r.seq === BigInt(from - 1))?.hash ?? GENESIS_HASH;
      for (const row of all.filter((r) => r.seq >= BigInt(from) && r.seq <= BigInt(to))) {
        const hash = legacyHashAuditEvent({ ...row, prevHash: prev });
        await sql(`UPDATE "AuditEvent" SET "prevHash" = $1, hash = $2 WHERE seq = $3`, [
          prev,
          hash,
          row.seq.toString(),
        ]);
        prev = hash;
      }
    },
    renumber: async (from, delta) => {
      await sql(`UPDATE "AuditEvent" SET seq = -(seq + $2) WHERE seq >= $1`, [from, delta]);
      await sql(`UPDATE "AuditEvent" SET seq = -seq WHERE seq < 0`);
    },
    forge: async (seq, options = {}) => {
      const before = (await rows()).filter((r) => r.seq < BigInt(seq)).pop();
      const fields: HashedFields = {
        seq: BigInt(seq),
        at: new Date(),
        actorType: "user",
        actorId: null,
        actorLabel: "admin@scopewarden.test",
        action: "grant.approved",
        entityType: "AppScope",
        entityId: "forged",
        organizationId: null,
        before: null,
        after: options.after ?? { scope: "system/*.cruds" },
        ip: null,
        prevHash: options.prevHash ?? before?.hash ?? GENESIS_HASH,
      };
      const at = new Date(Math.floor(fields.at.getTime()));
      const sealed = { ...fields, at };
      await insert({
        ...sealed,
        hash: legacyHashAuditEvent(sealed),
        chainVersion: options.chainVersion ?? 2,
      });
    },
    swap: async (a, b) => {
      const set = COLUMNS.map((c) => `${c} = s.${c}`).join(", ");
      await sql(
        `UPDATE "AuditEvent" t SET ${set} FROM "AuditEvent" s WHERE (t.seq = $1 AND s.seq = $2) OR (t.seq = $2 AND s.seq = $1)`,
        [a, b],
      );
    },
  };
  try {
    await sql(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
    await sql(`ALTER TABLE "AuditCheckpoint" DISABLE TRIGGER USER`);
    await tamper(attacker);
  } finally {
    await sql(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
    await sql(`ALTER TABLE "AuditCheckpoint" ENABLE TRIGGER USER`);
    await client.end();
  }
}

const actor = { type: "system" as const, label: "tamper test" };

/**
 * A fresh log: `legacy` unkeyed events as the portal wrote them before the keyed chain (an upgraded
 * deployment), then keyed events up to `total`, with a signed checkpoint after event `checkpointAt`
 * kept in a new directory (returned) and in the database.
 */
export async function freshLog(
  db: Db,
  url: string,
  { legacy = 0, total = 14, checkpointAt = 12 } = {},
): Promise<{ dir: string }> {
  await asAttacker(url, async (a) => {
    await a.sql(`TRUNCATE ${TABLES}`);
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= legacy; seq++) {
      await a.forge(seq, { chainVersion: 1, prevHash, after: { seq, note: "before the upgrade" } });
      prevHash = (await a.rows()).pop()!.hash;
    }
  });
  const dir = await mkdtemp(path.join(tmpdir(), "scopewarden-tamper-"));
  for (let seq = legacy + 1; seq <= total; seq++) {
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor,
        action: "test.event",
        entityType: "Thing",
        entityId: String(seq),
        after: { seq, note: `event ${seq}` },
      }),
    );
    if (seq === checkpointAt) await createAuditCheckpoint(db, { dir });
  }
  return { dir };
}
