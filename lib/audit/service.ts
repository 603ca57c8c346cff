import type { Tx } from "../database/client";
import type { Prisma } from "../generated/prisma/client";
import { hashAuditEvent, toPlainJson } from "./hash";

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
 * Appends one event to the chain inside the caller's transaction. Call it last in the
 * transaction: it locks the chain head until commit, which orders concurrent writers.
 */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<bigint> {
  const [head] = await tx.$queryRaw<{ seq: bigint; hash: string }[]>`
    SELECT "seq", "hash" FROM "AuditHead" WHERE "id" = 1 FOR UPDATE`;
  if (!head) throw new Error("The audit chain head is missing: run the migrations.");
  const seq = BigInt(head.seq) + 1n;
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
    prevHash: head.hash,
  };
  const hash = hashAuditEvent(fields);
  await tx.auditEvent.create({
    data: {
      ...fields,
      before: (fields.before ?? undefined) as Prisma.InputJsonValue | undefined,
      after: (fields.after ?? undefined) as Prisma.InputJsonValue | undefined,
      hash,
    },
  });
  await tx.$executeRaw`UPDATE "AuditHead" SET "seq" = ${seq}, "hash" = ${hash} WHERE "id" = 1`;
  return seq;
}
