import type { Tx } from "../database/client";
import { GENESIS_HASH, hashAuditEvent } from "./hash";

export type AuditProblem = {
  seq: string;
  problem: "edited" | "inserted" | "deleted" | "head";
  detail: string;
};
export type AuditVerification = {
  ok: boolean;
  checked: number;
  headSeq: string;
  headHash: string;
  problems: AuditProblem[];
};

/** Walks the whole chain in order, recomputing every hash. Reads in pages to bound memory. */
export async function verifyAuditChain(db: Tx, pageSize = 5000): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  let expectedSeq = 1n;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let cursor: bigint | undefined;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: cursor === undefined ? {} : { seq: { gt: cursor } },
      orderBy: { seq: "asc" },
      take: pageSize,
    });
    for (const row of rows) {
      checked++;
      if (row.seq !== expectedSeq) {
        problems.push({
          seq: row.seq.toString(),
          problem: row.seq > expectedSeq ? "deleted" : "inserted",
          detail:
            row.seq > expectedSeq
              ? `events ${expectedSeq}–${row.seq - 1n} are missing`
              : `sequence number ${row.seq} appears out of order`,
        });
      }
      if (row.prevHash !== prevHash) {
        problems.push({
          seq: row.seq.toString(),
          problem: "inserted",
          detail: "does not link to the event before it",
        });
      }
      const recomputed = hashAuditEvent(row);
      if (recomputed !== row.hash) {
        problems.push({
          seq: row.seq.toString(),
          problem: "edited",
          detail: "its content no longer matches its hash",
        });
      }
      expectedSeq = row.seq + 1n;
      prevHash = row.hash;
      cursor = row.seq;
    }
    if (rows.length < pageSize) break;
  }
  const head = await db.auditHead.findUnique({ where: { id: 1 } });
  const headSeq = head?.seq ?? 0n;
  if (!head || head.seq !== expectedSeq - 1n || head.hash !== prevHash) {
    problems.push({
      seq: headSeq.toString(),
      problem: head && head.seq > expectedSeq - 1n ? "deleted" : "head",
      detail: `the chain head says event ${headSeq} but the log ends at ${expectedSeq - 1n}`,
    });
  }
  return {
    ok: problems.length === 0,
    checked,
    headSeq: headSeq.toString(),
    headHash: head?.hash ?? "",
    problems,
  };
}
