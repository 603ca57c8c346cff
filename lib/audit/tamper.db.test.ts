// Every kind of tampering an attacker with database access (but neither audit key nor the
// verifier's checkpoint copy) would try, each applied to a fresh log of 14 events with a signed
// checkpoint after event 12. Each must be detected, at the right event, as the right kind.
import { afterAll, describe, expect, it } from "vitest";
import { setupTestDb } from "../testing/setup-test-db";
import type { AuditDamage } from "./chain";
import { asAttacker, freshLog, type Attacker } from "./tamper.test-util";
import { verifyAuditChain } from "./verify";

const t = setupTestDb();

type Kind = {
  name: string;
  /** Unkeyed events from before the keyed chain (an upgraded deployment). */
  legacy?: number;
  tamper: (a: Attacker) => Promise<unknown>;
  expected: [seq: number, problem: AuditDamage];
};

const edit = (seq: number, set: string) => (a: Attacker) =>
  a.sql(`UPDATE "AuditEvent" SET ${set} WHERE seq = ${seq}`);
const ESCALATE = `after = '{"scope": "system/*.cruds"}'`;

const KINDS: Kind[] = [
  { name: "edit an event's content", tamper: edit(6, ESCALATE), expected: [6, "edited"] },
  {
    name: "edit the first event's actor",
    tamper: edit(1, `"actorLabel" = 'someone else'`),
    expected: [1, "edited"],
  },
  {
    name: "edit the checkpointed head event",
    tamper: edit(12, `"actorLabel" = 'someone else'`),
    expected: [12, "edited"],
  },
  {
    name: "edit the newest event (after the checkpoint)",
    tamper: edit(14, ESCALATE),
    expected: [14, "edited"],
  },
  {
    name: "reorder by swapping two events' timestamps",
    tamper: (a) =>
      a.sql(
        `UPDATE "AuditEvent" t SET at = s.at FROM "AuditEvent" s WHERE (t.seq = 5 AND s.seq = 6) OR (t.seq = 6 AND s.seq = 5)`,
      ),
    expected: [5, "edited"],
  },
  {
    name: "edit an event and re-hash it (unkeyed SHA-256)",
    tamper: async (a) => {
      await edit(6, ESCALATE)(a);
      await a.rehash(6, 6);
    },
    expected: [6, "rehashed"],
  },
  {
    name: "edit an event and re-hash the whole suffix",
    tamper: async (a) => {
      await edit(6, ESCALATE)(a);
      await a.rehash(6);
    },
    expected: [6, "rehashed"],
  },
  {
    name: "re-hash the whole log from genesis",
    tamper: (a) => a.rehash(1),
    expected: [1, "rehashed"],
  },
  {
    name: "delete an event in the middle",
    tamper: (a) => a.sql(`DELETE FROM "AuditEvent" WHERE seq = 7`),
    expected: [7, "deleted"],
  },
  {
    name: "delete the first event",
    tamper: (a) => a.sql(`DELETE FROM "AuditEvent" WHERE seq = 1`),
    expected: [1, "deleted"],
  },
  {
    name: "delete an event newer than the checkpoint",
    tamper: (a) => a.sql(`DELETE FROM "AuditEvent" WHERE seq = 13`),
    expected: [13, "deleted"],
  },
  {
    name: "delete an event and renumber the rest (no gap)",
    tamper: async (a) => {
      await a.sql(`DELETE FROM "AuditEvent" WHERE seq = 7`);
      await a.renumber(8, -1);
    },
    expected: [7, "deleted"],
  },
  {
    name: "delete an event, renumber and re-hash the rest",
    tamper: async (a) => {
      await a.sql(`DELETE FROM "AuditEvent" WHERE seq = 7`);
      await a.renumber(8, -1);
      await a.rehash(7);
    },
    expected: [7, "rehashed"],
  },
  {
    name: "delete the newest events and move the head back",
    tamper: async (a) => {
      await a.sql(`DELETE FROM "AuditEvent" WHERE seq >= 10`);
      await a.sql(`DELETE FROM "AuditCheckpoint" WHERE seq >= 10`);
    },
    expected: [10, "truncated"],
  },
  {
    name: "delete the newest events and forge a head checkpoint for the shorter log",
    tamper: async (a) => {
      await a.sql(`DELETE FROM "AuditEvent" WHERE seq >= 10`);
      await a.sql(`DELETE FROM "AuditCheckpoint"`);
      const [nine] = (await a.rows()).filter((r) => r.seq === 9n);
      await a.sql(
        `INSERT INTO "AuditCheckpoint" (seq, hash, "legacyUntil", at, "keyId", signature) VALUES (9, $1, 0, now(), '0123456789abcdef', $2)`,
        [nine!.hash, "A".repeat(86)],
      );
    },
    expected: [9, "checkpoint"],
  },
  {
    name: "truncate the tail",
    tamper: (a) => a.sql(`DELETE FROM "AuditEvent" WHERE seq >= 12`),
    expected: [12, "truncated"],
  },
  {
    name: "truncate the whole log",
    tamper: (a) => a.sql(`TRUNCATE "AuditEvent"`),
    expected: [1, "truncated"],
  },
  {
    name: "truncate the log and reset the head to genesis",
    tamper: (a) => a.sql(`TRUNCATE "AuditEvent", "AuditCheckpoint"`),
    expected: [1, "truncated"],
  },
  {
    name: "truncate and rebuild from genesis with unkeyed hashes",
    tamper: async (a) => {
      await a.sql(`TRUNCATE "AuditEvent", "AuditCheckpoint"`);
      await a.forge(1);
      await a.forge(2);
    },
    expected: [1, "rehashed"],
  },
  {
    name: "forge an append with a correct unkeyed hash",
    tamper: (a) => a.forge(15),
    expected: [15, "forged"],
  },
  {
    name: "forge an append in the old unkeyed format",
    tamper: (a) => a.forge(15, { chainVersion: 1 }),
    expected: [15, "forged"],
  },
  {
    name: "downgrade an event to the unkeyed format and re-hash it",
    tamper: async (a) => {
      await edit(6, `"chainVersion" = 1, ${ESCALATE}`)(a);
      await a.rehash(6, 6);
    },
    expected: [6, "forged"],
  },
  {
    name: "insert an event in the middle",
    tamper: async (a) => {
      await a.renumber(8, 1);
      await a.forge(8);
    },
    expected: [8, "inserted"],
  },
  {
    name: "insert an event before the first",
    tamper: (a) => a.forge(0),
    expected: [0, "inserted"],
  },
  { name: "reorder two adjacent events", tamper: (a) => a.swap(5, 6), expected: [5, "reordered"] },
  {
    name: "move an event five places later",
    tamper: async (a) => {
      await a.sql(`UPDATE "AuditEvent" SET seq = 1000 WHERE seq = 4`);
      await a.sql(`UPDATE "AuditEvent" SET seq = -(seq - 1) WHERE seq BETWEEN 5 AND 9`);
      await a.sql(`UPDATE "AuditEvent" SET seq = -seq WHERE seq < 0`);
      await a.sql(`UPDATE "AuditEvent" SET seq = 9 WHERE seq = 1000`);
    },
    expected: [4, "reordered"],
  },
  {
    name: "edit an event from before the upgrade (unkeyed chain)",
    legacy: 3,
    tamper: edit(2, `"actorLabel" = 'someone else'`),
    expected: [2, "edited"],
  },
  {
    name: "edit an event from before the upgrade and re-hash the unkeyed events after it",
    legacy: 3,
    tamper: async (a) => {
      await edit(2, `"actorLabel" = 'someone else'`)(a);
      await a.rehash(2, 3);
    },
    expected: [3, "rehashed"],
  },
];

const table: string[] = [];
afterAll(() => {
  const detected = table.filter((line) => line.endsWith("| yes |")).length;
  console.info(
    `[${t.backend}] tampering detected: ${detected}/${KINDS.length}\n| kind | expected | reported | detected |\n| --- | --- | --- | --- |\n${table.join("\n")}`,
  );
});

describe("the audit log under tampering", () => {
  it("verifies a fresh log, new or upgraded from the unkeyed chain, against its checkpoint", async () => {
    for (const legacy of [0, 3]) {
      const { dir } = await freshLog(t.db, t.url, { legacy });
      const result = await verifyAuditChain(t.db, { checkpoints: dir });
      expect(result).toMatchObject({ ok: true, checked: 14, headSeq: "14", problems: [] });
      expect(result.checkpoint).toMatchObject({ seq: "12" });
    }
  });

  it(`covers at least the 19 kinds an attacker would try (${KINDS.length} here)`, () => {
    expect(KINDS.length).toBeGreaterThanOrEqual(19);
  });

  it.each(KINDS)("detects: $name", async ({ name, legacy, tamper, expected }) => {
    const { dir } = await freshLog(t.db, t.url, { legacy });
    await asAttacker(t.url, async (a) => void (await tamper(a)));
    const result = await verifyAuditChain(t.db, { checkpoints: dir });
    const first = result.problems[0];
    const reported = first ? `${first.seq} ${first.problem}` : "nothing";
    table.push(
      `| ${name} | ${expected.join(" ")} | ${reported} | ${!result.ok && reported === expected.join(" ") ? "yes" : "no"} |`,
    );
    expect(result.ok).toBe(false);
    expect(first).toMatchObject({ seq: String(expected[0]), problem: expected[1] });
  });
});
