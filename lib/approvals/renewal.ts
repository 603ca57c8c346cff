// Renewing a grant that expires: the partner asks in one click, and the request goes through the
// policy in force, like the original request did. Policy that grants at once renews at once;
// policy that needs one or two administrators waits for them (on the admin's app page, beside the
// grant's history and usage); policy that now forbids the scope refuses the renewal.
import { assertRole, auditActorOf, type Actor } from "../actor";
import type { z } from "zod";
import type { Db, Tx } from "../database/client";
import { recordAudit } from "../audit/service";
import { markGrantsChanged } from "../enforcement/changes";
import { AppError } from "../errors";
import { evaluatePolicy, expiryFor } from "../policy";
import { parseScope } from "../scopes";
import { parseOrThrow } from "../validation";
import { queueWebhookEvent } from "../webhooks/outbox";
import { claimScope, tellPartner, type DomainContext } from "./effects";
import { getCurrentPolicy, type PolicyInForce } from "./policy-versions";
import { approvalStep } from "./rules";
import { ZRenewalApproval, ZRenewalRequest } from "./schemas";

async function loadRenewable(tx: Tx, appScopeId: string) {
  const row = await tx.appScope.findUnique({
    where: { id: appScopeId },
    include: {
      app: {
        select: { id: true, name: true, clientId: true, organizationId: true, appType: true },
      },
    },
  });
  if (!row) throw new AppError("NOT_FOUND", "That grant was not found.");
  if (row.state !== "granted")
    throw new AppError("CONFLICT", "Only a live grant can be renewed; request the scope again.");
  if (row.expiresAt === null)
    throw new AppError("CONFLICT", "This grant does not expire, so there is nothing to renew.");
  return row;
}

type Renewable = Awaited<ReturnType<typeof loadRenewable>>;

async function renewInTx(
  tx: Tx,
  row: Renewable,
  policy: PolicyInForce,
  by: { id: string | null; label: string; audit: Parameters<typeof recordAudit>[1]["actor"] },
  ctx: DomainContext & { now: Date },
) {
  const expiresAt = expiryFor(policy.policy, parseScope(row.scope), ctx.now, {
    appType: row.app.appType,
  });
  const why = `Renewed under policy version ${policy.version}: ${expiresAt ? `now expires ${expiresAt.toISOString().slice(0, 10)}` : "no longer expires"}.`;
  await claimScope(tx, row, "granted", {
    expiresAt,
    expiryRemindedDays: null,
    renewalRequestedAt: null,
    stateReason: why,
  });
  await tx.scopeEvent.create({
    data: {
      appScopeId: row.id,
      fromState: "granted",
      toState: "granted",
      actorId: by.id,
      reason: why,
      policyVersionId: policy.id,
      createdAt: ctx.now,
    },
  });
  // The grants endpoint's expiry moved: its ETag moves with it.
  await markGrantsChanged(tx, [row.app.id]);
  await queueWebhookEvent(tx, {
    type: "grant.renewed",
    organizationId: row.app.organizationId,
    appId: row.app.id,
    at: ctx.now,
    data: {
      clientId: row.app.clientId,
      appId: row.app.id,
      appName: row.app.name,
      scope: row.scope,
      expiresAt: expiresAt?.toISOString() ?? null,
      by: by.label,
    },
  });
  await tellPartner(
    tx,
    row.app,
    {
      kind: "scope.renewed",
      title: `Renewed: ${row.scope} for ${row.app.name}`,
      lines: [why],
    },
    ctx,
  );
  await recordAudit(tx, {
    actor: by.audit,
    action: "scope.renewed",
    entityType: "AppScope",
    entityId: row.id,
    organizationId: row.app.organizationId,
    before: { expiresAt: row.expiresAt?.toISOString() ?? null },
    after: { expiresAt: expiresAt?.toISOString() ?? null, policyVersion: policy.version },
    at: ctx.now,
  });
  return { outcome: "renewed" as const, expiresAt };
}

/** The partner's one-click renewal: renewed now, or waiting for administrators as policy says. */
export async function requestRenewal(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZRenewalRequest>,
  ctx: DomainContext = {},
) {
  assertRole(actor, "partner");
  const input = parseOrThrow(ZRenewalRequest, raw);
  const now = ctx.now ?? new Date();
  return db.$transaction(async (tx) => {
    const row = await loadRenewable(tx, input.appScopeId);
    if (row.app.organizationId !== actor.organizationId)
      throw new AppError("NOT_FOUND", "That grant was not found.");
    const policy = await getCurrentPolicy(tx);
    const verdict = evaluatePolicy(policy.policy, parseScope(row.scope), row.app.appType);
    if (verdict.outcome === "forbidden")
      throw new AppError(
        "CONFLICT",
        `Policy version ${policy.version} no longer allows ${row.scope}, so it cannot be renewed.`,
      );
    const by = { id: actor.id, label: actor.email, audit: auditActorOf(actor) };
    if (verdict.approvers === 0) return renewInTx(tx, row, policy, by, { ...ctx, now });
    if (row.renewalRequestedAt !== null)
      throw new AppError("CONFLICT", "A renewal of this grant is already waiting for approval.");
    const why = `Renewal requested; waiting for ${verdict.approvers === 2 ? "two different administrators" : "an administrator"} under policy version ${policy.version}.`;
    await claimScope(tx, row, "granted", { renewalRequestedAt: now });
    await tx.scopeEvent.create({
      data: {
        appScopeId: row.id,
        fromState: "granted",
        toState: "granted",
        actorId: actor.id,
        reason: why,
        policyVersionId: policy.id,
        createdAt: now,
      },
    });
    // Renewals wait on the app's page, not in the approval queue: the admins are told where.
    const admins = await tx.user.findMany({
      where: { role: "admin", status: "active" },
      select: { id: true },
    });
    await tx.notification.createMany({
      data: admins.map((admin) => ({
        userId: admin.id,
        kind: "scope.renewal_requested",
        title: `Renewal requested: ${row.scope} for ${row.app.name}`,
        body: `${why} Its history and usage are on the app's page.`,
        link: `/admin/apps/${row.app.id}`,
      })),
    });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "scope.renewal_requested",
      entityType: "AppScope",
      entityId: row.id,
      organizationId: row.app.organizationId,
      after: { approversNeeded: verdict.approvers, policyVersion: policy.version },
      at: now,
    });
    return { outcome: "requested" as const, approversNeeded: verdict.approvers };
  });
}

/** An administrator approves a requested renewal; the policy's second approver completes it. */
export async function approveRenewal(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZRenewalApproval>,
  ctx: DomainContext = {},
) {
  assertRole(actor, "admin");
  const input = parseOrThrow(ZRenewalApproval, raw);
  const now = ctx.now ?? new Date();
  return db.$transaction(async (tx) => {
    const row = await loadRenewable(tx, input.appScopeId);
    if (row.renewalRequestedAt === null)
      throw new AppError("CONFLICT", "No renewal of this grant is waiting for approval.");
    const policy = await getCurrentPolicy(tx);
    const verdict = evaluatePolicy(policy.policy, parseScope(row.scope), row.app.appType);
    if (verdict.outcome === "forbidden")
      throw new AppError(
        "CONFLICT",
        `Policy version ${policy.version} no longer allows ${row.scope}; revoke it instead.`,
      );
    const earlier = await tx.approvalDecision.findMany({
      where: {
        appScopeId: row.id,
        kind: "renew",
        createdAt: { gte: row.renewalRequestedAt },
      },
      select: { adminId: true },
    });
    const step = approvalStep(
      verdict.approvers,
      earlier.map((e) => e.adminId),
      actor.id,
    );
    if (step.kind === "duplicate")
      throw new AppError(
        "CONFLICT",
        "You already approved this renewal; a second, different administrator must approve it.",
      );
    await tx.approvalDecision.create({
      data: {
        appScopeId: row.id,
        adminId: actor.id,
        kind: "renew",
        reason: input.reason ?? null,
        policyVersionId: policy.id,
        createdAt: now,
      },
    });
    if (step.kind === "partial") {
      await claimScope(tx, row, "granted", {});
      await recordAudit(tx, {
        actor: auditActorOf(actor),
        action: "scope.renewal_approval_recorded",
        entityType: "AppScope",
        entityId: row.id,
        organizationId: row.app.organizationId,
        after: { approvals: step.have, needed: step.need },
        at: now,
      });
      return { outcome: "approval_recorded" as const, have: step.have, need: step.need };
    }
    const by = { id: actor.id, label: actor.email, audit: auditActorOf(actor) };
    return renewInTx(tx, row, policy, by, { ...ctx, now });
  });
}
