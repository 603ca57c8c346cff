// Makes a signed checkpoint of the current head, only after checking that the log still extends
// the newest checkpoint this instance trusts (its directory, or the database's newest signed row).
// So a log shortened or rewritten in the database is never signed. Exactly one row and one
// `audit.checkpoint` webhook per head position, however many instances try at once: an advisory
// lock orders them and the head's sequence number is the row's key.
import type { Db, Tx } from "../database/client";
import { getAuditEnv } from "../env";
import { walkChain, type AuditProblem } from "./chain";
import {
  checkpointProblem,
  latestStoredCheckpoint,
  newerCheckpoint,
  readHeldCheckpoint,
  signCheckpoint,
  writeCheckpointFile,
  type AuditCheckpoint,
} from "./checkpoints";
import { GENESIS_HASH } from "./hash";
import { getAuditKeys, type AuditKeys } from "./keys";
import { AUDIT_LOCK } from "./service";
import { auditRows } from "./verify";

const CHECKPOINT_LOCK = 2;

export class AuditChainBrokenError extends Error {
  constructor(
    readonly first: AuditProblem,
    readonly count: number,
  ) {
    super(
      `Refusing to sign a checkpoint: the audit log is damaged at event ${first.seq} (${first.problem}: ${first.detail}); ${count} problem(s). Run npm run audit:verify.`,
    );
    this.name = "AuditChainBrokenError";
  }
}

export type CheckpointDeps = {
  keys?: AuditKeys;
  /** Where a copy goes; default AUDIT_CHECKPOINT_DIR; null: the database only. */
  dir?: string | null;
  now?: Date;
  /** Runs in the transaction that stores a new checkpoint: queues the `audit.checkpoint` webhook. */
  announce?: (tx: Tx, checkpoint: AuditCheckpoint) => Promise<void>;
};
export type CheckpointOutcome = {
  /** created: a new row (and webhook); current: the head was already checkpointed; empty: no events. */
  status: "created" | "current" | "empty";
  checkpoint: AuditCheckpoint | null;
  file: string | null;
};

export async function createAuditCheckpoint(
  db: Db,
  deps: CheckpointDeps = {},
): Promise<CheckpointOutcome> {
  const keys = deps.keys ?? getAuditKeys();
  const dir = deps.dir === undefined ? getAuditEnv().AUDIT_CHECKPOINT_DIR : deps.dir;
  const held = dir ? (await readHeldCheckpoint(dir, keys)).checkpoint : null;
  const stored = await latestStoredCheckpoint(db);
  const prev = newerCheckpoint<AuditCheckpoint>(
    held,
    stored && !checkpointProblem(stored, keys) ? stored : null,
  );
  const head = await db.auditEvent.findFirst({
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  if (!head && !prev) return { status: "empty", checkpoint: null, file: null };
  if (head && prev && head.seq.toString() === prev.seq && head.hash === prev.hash) {
    const file = dir && held?.seq !== prev.seq ? await writeCheckpointFile(dir, prev) : null;
    return { status: "current", checkpoint: prev, file };
  }

  const walk = await walkChain(auditRows(db, prev ? BigInt(prev.seq) : undefined), {
    hmacKey: keys.hmacKey,
    start: prev ? { seq: BigInt(prev.seq), prevHash: null } : { seq: 1n, prevHash: GENESIS_HASH },
    vouched: prev ? { seq: BigInt(prev.seq), hash: prev.hash } : null,
    legacyUntil: prev ? BigInt(prev.legacyUntil) : null,
  });
  if (walk.problemCount > 0) throw new AuditChainBrokenError(walk.problems[0]!, walk.problemCount);
  const last = walk.last!;
  const checkpoint = signCheckpoint(
    keys,
    { ...last, legacyUntil: walk.legacyUntil },
    deps.now ?? new Date(),
  );
  const isNew = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK}::int, ${CHECKPOINT_LOCK}::int)`;
    const latest = await tx.auditCheckpoint.findFirst({
      orderBy: { seq: "desc" },
      select: { seq: true },
    });
    if (latest && latest.seq >= last.seq) return false; // another instance signed this head
    await tx.auditCheckpoint.create({
      data: {
        seq: last.seq,
        hash: last.hash,
        legacyUntil: walk.legacyUntil,
        at: new Date(checkpoint.at),
        keyId: checkpoint.keyId,
        signature: checkpoint.signature,
      },
    });
    await deps.announce?.(tx, checkpoint);
    return true;
  });
  const file = dir ? await writeCheckpointFile(dir, checkpoint) : null;
  return { status: isNew ? "created" : "current", checkpoint, file };
}
