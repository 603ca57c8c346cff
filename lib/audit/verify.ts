// Verifies the whole audit log against the newest checkpoint the verifier holds: a checkpoint file
// or directory (AUDIT_CHECKPOINT_DIR by default) and the newest one stored in the database, each
// used only if its signature verifies with the audit key.
import type { Tx } from "../database/client";
import { getAuditEnv } from "../env";
import { walkChain, type AuditProblem, type ChainRow } from "./chain";
import {
  checkpointProblem,
  latestStoredCheckpoint,
  newerCheckpoint,
  readHeldCheckpoint,
  type HeldCheckpoint,
} from "./checkpoints";
import { GENESIS_HASH } from "./hash";
import { getAuditKeys, type AuditKeys } from "./keys";

export type { AuditDamage, AuditProblem } from "./chain";
export type AuditVerification = {
  ok: boolean;
  checked: number;
  headSeq: string;
  headHash: string;
  /** The checkpoint the log was held against; null when none was found (truncation goes unseen). */
  checkpoint: { seq: string; at: string; source: string } | null;
  /** Ordered by position: the first is the first damaged event. */
  problems: AuditProblem[];
  problemCount: number;
};
export type VerifyOptions = {
  keys?: AuditKeys;
  /** A checkpoint file or directory; default AUDIT_CHECKPOINT_DIR; null: only the database's. */
  checkpoints?: string | null;
  pageSize?: number;
};

/** Every event from `fromSeq` on (all of them by default), in order, a page at a time. */
export async function* auditRows(
  db: Tx,
  fromSeq?: bigint,
  pageSize = 5000,
): AsyncGenerator<ChainRow> {
  let cursor: bigint | undefined;
  for (;;) {
    const where =
      cursor !== undefined
        ? { seq: { gt: cursor } }
        : fromSeq !== undefined
          ? { seq: { gte: fromSeq } }
          : {};
    const rows = await db.auditEvent.findMany({ where, orderBy: { seq: "asc" }, take: pageSize });
    yield* rows;
    if (rows.length < pageSize) return;
    cursor = rows[rows.length - 1]!.seq;
  }
}

export async function verifyAuditChain(
  db: Tx,
  options: VerifyOptions = {},
): Promise<AuditVerification> {
  const keys = options.keys ?? getAuditKeys();
  const source =
    options.checkpoints === undefined ? getAuditEnv().AUDIT_CHECKPOINT_DIR : options.checkpoints;
  const problems: AuditProblem[] = [];
  let held: HeldCheckpoint | null = null;
  if (source) {
    const read = await readHeldCheckpoint(source, keys);
    held = read.checkpoint;
    problems.push(...read.problems);
  }
  const stored = await latestStoredCheckpoint(db);
  if (stored) {
    const problem = checkpointProblem(stored, keys);
    if (problem)
      problems.push({
        seq: stored.seq,
        problem: "checkpoint",
        detail: `the newest checkpoint in the database cannot be trusted: ${problem}`,
      });
    else held = newerCheckpoint(held, { ...stored, source: "database" });
  }
  const walk = await walkChain(auditRows(db, undefined, options.pageSize), {
    hmacKey: keys.hmacKey,
    start: { seq: 1n, prevHash: GENESIS_HASH },
    vouched: held ? { seq: BigInt(held.seq), hash: held.hash } : null,
    legacyUntil: held ? BigInt(held.legacyUntil) : null,
  });
  const all = [...problems, ...walk.problems].sort((a, b) =>
    BigInt(a.seq) < BigInt(b.seq) ? -1 : BigInt(a.seq) > BigInt(b.seq) ? 1 : 0,
  );
  const problemCount = problems.length + walk.problemCount;
  return {
    ok: problemCount === 0,
    checked: walk.checked,
    headSeq: (walk.last?.seq ?? 0n).toString(),
    headHash: walk.last?.hash ?? "",
    checkpoint: held ? { seq: held.seq, at: held.at, source: held.source } : null,
    problems: all,
    problemCount,
  };
}
