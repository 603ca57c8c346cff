import type { Tx } from "../database/client";
import type { Prisma } from "../generated/prisma/client";
import { GENESIS_HASH, KEYED_CHAIN, macAuditEvent, toPlainJson } from "./hash";
import { getAuditKeys } from "./keys";

/** pg_advisory_xact_lock(AUDIT_LOCK, n): 1 orders appenders, 2 makes checkpoints one at a time. */
export const AUDIT_LOCK = 0x73776175;
export const APPEND_LOCK = 1;

/** Who did something: a signed-in user, the portal itself, or a gateway's API key. */
export type AuditActor =
  | { type: "user"; id: string; label: string }
  | { type: "system"; label: string }
  | { type: "api_key"; id: string; label: string }
  | { type: "anonymous"; label: string };

export type AuditInput = {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId?: string | null;
  organizationId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  at?: Date;
};

/**
 * Appends one event to the chain inside the caller's transaction. Call it last in the transaction:
 * it takes a transaction-scoped advisory lock that orders concurrent writers until commit, so
 * events get gap-free sequence numbers in commit order. The lock needs no privilege, and the app
 * only ever INSERTs and SELECTs audit rows (see lib/database/app-role.ts).
 */
export async function recordAudit(
  tx: Tx,
  input: AuditInput,
  hmacKey: Buffer = getAuditKeys().hmacKey,
): Promise<bigint> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK}::int, ${APPEND_LOCK}::int)`;
  // A new statement after the lock: in READ COMMITTED it sees the previous holder's commit.
  const [head] = await tx.$queryRaw<{ seq: bigint; hash: string }[]>`
    SELECT "seq", "hash" FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 1`;
  const seq = (head ? BigInt(head.seq) : 0n) + 1n;
  const fields = {
    seq,
    at: new Date(Math.floor((input.at ?? new Date()).getTime())),
    actorType: input.actor.type,
    actorId: "id" in input.actor ? input.actor.id : null,
    actorLabel: input.actor.label,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    organizationId: input.organizationId ?? null,
    before: toPlainJson(input.before),
    after: toPlainJson(input.after),
    ip: input.ip ?? null,
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  await tx.auditEvent.create({
    data: {
      ...fields,
      before: (fields.before ?? undefined) as Prisma.InputJsonValue | undefined,
      after: (fields.after ?? undefined) as Prisma.InputJsonValue | undefined,
      hash: macAuditEvent(hmacKey, fields),
      chainVersion: KEYED_CHAIN,
    },
  });
  return seq;
}
