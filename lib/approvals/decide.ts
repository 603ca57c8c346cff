// Admins decide pending scope requests: approve (two different admins where policy says so),
// deny with a reason, approve a narrower scope instead, or send back for changes.
import { assertRole, auditActorOf, type Actor } from "../actor";
import type { z } from "zod";
import type { Db, Tx } from "../database/client";
import { recordAudit } from "../audit/service";
import { AppError, isAppError, isUniqueViolation } from "../errors";
import { evaluatePolicy, expiryFor } from "../policy";
import { gradeRisk, parseScope } from "../scopes";
import { parseOrThrow } from "../validation";
import {
  announceGrantChange,
  claimScope,
  decidedElsewhere,
  outcomeTitle,
  tellPartner,
  type DomainContext,
} from "./effects";
import { askSecondApprover } from "./alerts";
import { getCurrentPolicy } from "./policy-versions";
import { approvalStep, narrowingProblem } from "./rules";
import { ZBulkDecision, ZDecision, type TDecision } from "./schemas";

export type DecisionOutcome =
  "granted" | "approval_recorded" | "denied" | "narrowed" | "changes_requested";
export type DecisionResult = {
  outcome: DecisionOutcome;
  appScopeId: string;
  appId: string;
  scope: string;
  approvals?: { have: number; need: number };
  narrowedScope?: string;
};

export async function decideRequest(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZDecision>,
  ctx: DomainContext = {},
): Promise<DecisionResult> {
  assertRole(actor, "admin");
  const input = parseOrThrow(ZDecision, raw);
  return db.$transaction((tx) => decideInTx(tx, actor, input, ctx));
}

export type BulkResult = {
  done: DecisionResult[];
  skipped: { appScopeId: string; reason: string }[];
};

/** Each request is its own transaction: one that another admin just decided is skipped, not fatal. */
export async function decideRequests(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZBulkDecision>,
  ctx: DomainContext = {},
): Promise<BulkResult> {
  assertRole(actor, "admin");
  const input = parseOrThrow(ZBulkDecision, raw);
  const result: BulkResult = { done: [], skipped: [] };
  for (const appScopeId of [...new Set(input.appScopeIds)]) {
    const decision: TDecision =
      input.kind === "approve"
        ? { kind: "approve", appScopeId, reason: input.reason }
        : { kind: "deny", appScopeId, reason: input.reason! };
    try {
      result.done.push(await db.$transaction((tx) => decideInTx(tx, actor, decision, ctx)));
    } catch (error) {
      if (!isAppError(error)) throw error;
      result.skipped.push({ appScopeId, reason: error.message });
    }
  }
  return result;
}

async function loadPending(tx: Tx, appScopeId: string, expectedVersion?: number) {
  const row = await tx.appScope.findUnique({
    where: { id: appScopeId },
    include: {
      app: {
        select: { id: true, name: true, clientId: true, organizationId: true, appType: true },
      },
      decisions: { where: { kind: "approve" }, select: { adminId: true } },
    },
  });
  if (!row) throw new AppError("NOT_FOUND", "That request was not found.");
  if (row.state !== "pending") throw decidedElsewhere(row.state);
  if (expectedVersion !== undefined && expectedVersion !== row.version) {
    throw new AppError(
      "CONFLICT",
      "This request changed while you were looking at it (another administrator acted on it). Reload to see where it stands; nothing was changed.",
    );
  }
  return row;
}

export async function decideInTx(
  tx: Tx,
  actor: Actor,
  input: TDecision,
  ctx: DomainContext,
): Promise<DecisionResult> {
  const now = ctx.now ?? new Date();
  const row = await loadPending(tx, input.appScopeId, input.expectedVersion);
  const policy = await getCurrentPolicy(tx);
  const { app } = row;
  const base = { appScopeId: row.id, appId: app.id, scope: row.scope };
  const event = (
    toState: typeof row.state,
    reason: string,
    appScopeId = row.id,
    fromState: typeof row.state | null = "pending",
  ) =>
    tx.scopeEvent.create({
      data: {
        appScopeId,
        fromState,
        toState,
        actorId: actor.id,
        reason,
        policyVersionId: policy.id,
        createdAt: now,
      },
    });
  const decision = (
    kind: TDecision["kind"],
    extra: { reason?: string | null; narrowedScope?: string; appScopeId?: string } = {},
  ) =>
    tx.approvalDecision.create({
      data: {
        appScopeId: extra.appScopeId ?? row.id,
        adminId: actor.id,
        kind,
        reason: extra.reason ?? null,
        narrowedScope: extra.narrowedScope ?? null,
        policyVersionId: policy.id,
        createdAt: now,
      },
    });
  const audit = (action: string, after: Record<string, unknown>) =>
    recordAudit(tx, {
      actor: auditActorOf(actor),
      action,
      entityType: "AppScope",
      entityId: row.id,
      organizationId: app.organizationId,
      before: { scope: row.scope, state: row.state, version: row.version },
      after: { ...after, policyVersion: policy.version },
      at: now,
    });

  if (input.kind === "approve") {
    if (input.expiresAt && input.expiresAt.getTime() <= now.getTime())
      throw new AppError("INVALID_INPUT", "The expiry must be a date after today.", {
        expiresAt: ["The expiry must be a date after today."],
      });
    const verdict = evaluatePolicy(policy.policy, parseScope(row.scope), app.appType);
    if (verdict.outcome === "forbidden")
      throw new AppError(
        "CONFLICT",
        `Policy version ${policy.version} forbids ${row.scope}, so it cannot be approved. Deny it instead.`,
      );
    const step = approvalStep(
      verdict.approvers,
      row.decisions.map((d) => d.adminId),
      actor.id,
    );
    if (step.kind === "duplicate")
      throw new AppError(
        "CONFLICT",
        "You already approved this request; a second, different administrator must approve it.",
      );
    if (step.kind === "partial") {
      const why = `Approved by ${step.have} of ${step.need} administrators; waiting for a different administrator to approve too.`;
      await claimScope(tx, row, "pending", { stateReason: why, approvalsRequired: step.need });
      await decision("approve", { reason: input.reason });
      await event("pending", why);
      await askSecondApprover(tx, {
        appName: app.name,
        scope: row.scope,
        appScopeId: row.id,
        firstAdminId: actor.id,
        at: now,
      });
      await audit("scope.approval_recorded", {
        state: "pending",
        approvals: step.have,
        needed: step.need,
      });
      return {
        ...base,
        outcome: "approval_recorded",
        approvals: { have: step.have, need: step.need },
      };
    }
    const why = `${step.approvers > 1 ? `Approved by ${step.approvers} administrators` : "Approved by an administrator"} under policy version ${policy.version}.${input.reason ? ` ${input.reason}` : ""}`;
    await claimScope(tx, row, "pending", {
      state: "granted",
      stateReason: why,
      stateChangedAt: now,
      stateChangedById: actor.id,
      grantedAt: now,
      grantedById: actor.id,
      policyVersionId: policy.id,
      approvalsRequired: Math.max(1, verdict.approvers),
      expiresAt: expiryFor(policy.policy, parseScope(row.scope), now, {
        appType: app.appType,
        requested: [input.expiresAt, row.requestedExpiresAt],
      }),
    });
    await decision("approve", { reason: input.reason });
    await event("granted", why);
    await announceGrantChange(
      tx,
      app,
      { type: "grant.approved", scope: row.scope, reason: input.reason, actorLabel: actor.email },
      ctx,
    );
    await tellPartner(
      tx,
      app,
      {
        kind: "scope.approved",
        title: outcomeTitle("grant.approved", row.scope, app.name),
        lines: [`${row.scope} is granted to ${app.name}.`, why],
      },
      ctx,
    );
    await audit("scope.approved", { state: "granted", approvers: step.approvers });
    return {
      ...base,
      outcome: "granted",
      approvals: { have: step.approvers, need: Math.max(1, verdict.approvers) },
    };
  }

  if (input.kind === "deny" || input.kind === "request_changes") {
    const to = input.kind === "deny" ? "denied" : "changes_requested";
    await claimScope(tx, row, "pending", {
      state: to,
      stateReason: input.reason,
      stateChangedAt: now,
      stateChangedById: actor.id,
    });
    await decision(input.kind, { reason: input.reason });
    await event(to, input.reason);
    if (input.kind === "deny") {
      await announceGrantChange(
        tx,
        app,
        { type: "grant.denied", scope: row.scope, reason: input.reason, actorLabel: actor.email },
        ctx,
      );
      await tellPartner(
        tx,
        app,
        {
          kind: "scope.denied",
          title: outcomeTitle("grant.denied", row.scope, app.name),
          lines: [`${row.scope} was denied for ${app.name}.`, `Reason: ${input.reason}`],
        },
        ctx,
      );
      await audit("scope.denied", { state: "denied", reason: input.reason });
      return { ...base, outcome: "denied" };
    }
    await tellPartner(
      tx,
      app,
      {
        kind: "scope.changes_requested",
        title: `Changes requested: ${row.scope} for ${app.name}`,
        lines: [
          `An administrator asked for changes to ${row.scope} before deciding.`,
          `Comment: ${input.reason}`,
          "Change the app's scopes to resubmit.",
        ],
      },
      ctx,
    );
    await audit("scope.changes_requested", { state: "changes_requested", comment: input.reason });
    return { ...base, outcome: "changes_requested" };
  }

  // Approve a narrower scope instead: the request ends, a new row carries the narrower grant.
  const narrowed = parseScope(input.narrowedScope);
  const problem = narrowingProblem(parseScope(row.scope), narrowed);
  if (problem) throw new AppError("INVALID_INPUT", problem, { narrowedScope: [problem] });
  const verdict = evaluatePolicy(policy.policy, narrowed, app.appType);
  if (verdict.outcome === "forbidden")
    throw new AppError(
      "CONFLICT",
      `Policy version ${policy.version} forbids ${narrowed.normalized}.`,
    );
  const step = approvalStep(verdict.approvers, [], actor.id);
  const isGranted = step.kind === "grant";
  const endReason = `Approved in a narrower form instead: ${narrowed.normalized}.${input.reason ? ` ${input.reason}` : ""}`;
  await claimScope(tx, row, "pending", {
    state: "denied",
    stateReason: endReason,
    stateChangedAt: now,
    stateChangedById: actor.id,
  });
  const newReason = isGranted
    ? `Granted by an administrator as a narrower form of ${row.scope} under policy version ${policy.version}.`
    : `Proposed by an administrator as a narrower form of ${row.scope}; waiting for a different administrator to approve too.`;
  let created;
  try {
    created = await tx.appScope.create({
      data: {
        appId: app.id,
        scope: narrowed.normalized!,
        requested: input.narrowedScope,
        state: isGranted ? "granted" : "pending",
        risk: gradeRisk(narrowed)?.level ?? row.risk,
        policyOutcome: verdict.outcome === "grant" ? "grant" : verdict.outcome,
        approvalsRequired: Math.max(1, verdict.approvers),
        policyVersionId: policy.id,
        policyRuleId: verdict.ruleId,
        justification: row.justification,
        stateReason: newReason,
        stateChangedAt: now,
        stateChangedById: actor.id,
        requestedById: row.requestedById,
        grantedAt: isGranted ? now : null,
        grantedById: isGranted ? actor.id : null,
        replacesId: row.id,
        requestedExpiresAt: row.requestedExpiresAt,
        expiresAt: isGranted
          ? expiryFor(policy.policy, narrowed, now, {
              appType: app.appType,
              requested: [row.requestedExpiresAt],
            })
          : null,
      },
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError(
        "CONFLICT",
        `${app.name} already has ${narrowed.normalized} live; deny this request instead.`,
      );
    throw error;
  }
  await decision("narrow", { reason: input.reason, narrowedScope: narrowed.normalized! });
  await decision("approve", { appScopeId: created.id, reason: input.reason });
  await event("denied", endReason);
  await event(created.state, newReason, created.id, null);
  await announceGrantChange(
    tx,
    app,
    {
      type: "grant.denied",
      scope: row.scope,
      reason: endReason,
      actorLabel: actor.email,
      extra: { narrowedTo: narrowed.normalized },
    },
    ctx,
  );
  if (isGranted)
    await announceGrantChange(
      tx,
      app,
      {
        type: "grant.approved",
        scope: narrowed.normalized!,
        reason: input.reason,
        actorLabel: actor.email,
        extra: { replaces: row.scope },
      },
      ctx,
    );
  await tellPartner(
    tx,
    app,
    {
      kind: "scope.narrowed",
      title: `Approved in a narrower form: ${narrowed.normalized} for ${app.name}`,
      lines: [
        `Instead of ${row.scope}, ${app.name} ${isGranted ? "is granted" : "is proposed"} ${narrowed.normalized}.`,
        ...(input.reason ? [`Comment: ${input.reason}`] : []),
      ],
    },
    ctx,
  );
  await audit("scope.narrowed", {
    state: "denied",
    narrowedTo: narrowed.normalized,
    narrowedScopeId: created.id,
    narrowedState: created.state,
  });
  return { ...base, outcome: "narrowed", narrowedScope: narrowed.normalized! };
}
