// Writing requested scopes and their history rows: shared by registration and change requests.
import type { Tx } from "../database/client";
import type { ScopeState } from "../generated/prisma/enums";
import { capExpiry } from "../policy";
import type { Classified } from "./classify";

export async function insertClassifiedScopes(
  tx: Tx,
  input: {
    appId: string;
    classified: Classified[];
    policyVersionId: string;
    actorId: string;
    justification: string | null;
    changeRequestId?: string;
    /** The partner asked for the grants to end no later than this (the policy may end them sooner). */
    requestedExpiresAt?: Date | null;
    now: Date;
  },
) {
  if (input.classified.length === 0) return [];
  const rows = await tx.appScope.createManyAndReturn({
    data: input.classified.map((c) => ({
      appId: input.appId,
      scope: c.scope,
      requested: c.requested,
      state: c.state,
      risk: c.risk,
      policyOutcome: c.outcome,
      approvalsRequired: c.approvalsRequired,
      policyVersionId: input.policyVersionId,
      policyRuleId: c.ruleId,
      justification: input.justification,
      stateReason: c.reason,
      stateChangedAt: input.now,
      requestedById: input.actorId,
      grantedAt: c.state === "granted" ? input.now : null,
      changeRequestId: input.changeRequestId ?? null,
      ...(c.dueAt ? { dueAt: c.dueAt } : {}),
      requestedExpiresAt: input.requestedExpiresAt ?? null,
      expiresAt:
        c.state === "granted"
          ? capExpiry(c.maxLifetimeDays, input.now, [input.requestedExpiresAt])
          : null,
    })),
    select: { id: true, scope: true, state: true, stateReason: true, risk: true, dueAt: true },
  });
  await tx.scopeEvent.createMany({
    data: rows.map((r) => ({
      appScopeId: r.id,
      fromState: null,
      toState: r.state,
      actorId: input.actorId,
      reason: r.stateReason,
      policyVersionId: input.policyVersionId,
      createdAt: input.now,
    })),
  });
  return rows;
}

/** Moves rows to a new state with one history row each. */
export async function moveScopes(
  tx: Tx,
  rows: { id: string; state: ScopeState }[],
  to: ScopeState,
  input: { actorId: string | null; reason: string; now: Date; policyVersionId?: string | null },
) {
  if (rows.length === 0) return;
  await tx.appScope.updateMany({
    where: { id: { in: rows.map((r) => r.id) } },
    data: {
      state: to,
      stateReason: input.reason,
      stateChangedAt: input.now,
      stateChangedById: input.actorId,
      version: { increment: 1 },
    },
  });
  await tx.scopeEvent.createMany({
    data: rows.map((r) => ({
      appScopeId: r.id,
      fromState: r.state,
      toState: to,
      actorId: input.actorId,
      reason: input.reason,
      policyVersionId: input.policyVersionId ?? null,
      createdAt: input.now,
    })),
  });
}
