// Taking access away: one grant, every grant of an app, or replacing a grant with a narrower one.
// The *InTx forms let access reviews compose them in their own transaction.
import { assertRole, auditActorOf, type Actor } from "../actor";
import type { z } from "zod";
import type { Db, Tx } from "../database/client";
import { recordAudit } from "../audit/service";
import { markGrantsChanged } from "../enforcement/changes";
import { AppError, isUniqueViolation } from "../errors";
import { gradeRisk, parseScope } from "../scopes";
import { parseOrThrow } from "../validation";
import { queueWebhookEvent } from "../webhooks/outbox";
import {
  announceGrantChange,
  claimScope,
  outcomeTitle,
  stateWords,
  tellPartner,
  type DomainContext,
} from "./effects";
import { LIVE_SCOPE_STATES, narrowingProblem } from "./rules";
import { ZRevokeAppGrants, ZRevokeGrant } from "./schemas";

type Source = "admin" | "review" | "expiry";

/** Who ends a grant at its expiry: the portal itself, by the expiry job. */
const EXPIRY_ACTOR = { type: "system", label: "grant expiry" } as const;

async function loadGrant(tx: Tx, appScopeId: string) {
  const row = await tx.appScope.findUnique({
    where: { id: appScopeId },
    include: { app: { select: { id: true, name: true, clientId: true, organizationId: true } } },
  });
  if (!row) throw new AppError("NOT_FOUND", "That grant was not found.");
  if (row.state !== "granted")
    throw new AppError(
      "CONFLICT",
      `That scope is not granted any more (it is ${stateWords[row.state]}); nothing was changed.`,
    );
  return row;
}

export async function revokeGrant(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZRevokeGrant>,
  ctx: DomainContext = {},
) {
  assertRole(actor, "admin");
  const input = parseOrThrow(ZRevokeGrant, raw);
  return db.$transaction((tx) => revokeGrantInTx(tx, actor, input, ctx, "admin"));
}

/** Ends a live grant. With no actor (source "expiry"), the portal ends it at its expiry. */
export async function revokeGrantInTx(
  tx: Tx,
  actor: Actor | null,
  input: { appScopeId: string; reason: string },
  ctx: DomainContext,
  source: Source,
) {
  const now = ctx.now ?? new Date();
  const row = await loadGrant(tx, input.appScopeId);
  const reason =
    source === "review" ? `Revoked in an access review: ${input.reason}` : input.reason;
  await claimScope(tx, row, "granted", {
    state: "revoked",
    stateReason: reason,
    stateChangedAt: now,
    stateChangedById: actor?.id ?? null,
  });
  await tx.scopeEvent.create({
    data: {
      appScopeId: row.id,
      fromState: "granted",
      toState: "revoked",
      actorId: actor?.id ?? null,
      reason,
      createdAt: now,
    },
  });
  await announceGrantChange(
    tx,
    row.app,
    {
      type: "grant.revoked",
      scope: row.scope,
      reason,
      actorLabel: actor?.email ?? EXPIRY_ACTOR.label,
      extra: { source },
    },
    ctx,
  );
  await tellPartner(
    tx,
    row.app,
    {
      kind: "scope.revoked",
      title: outcomeTitle("grant.revoked", row.scope, row.app.name),
      lines: [`${row.scope} no longer applies to ${row.app.name}.`, `Reason: ${reason}`],
    },
    ctx,
  );
  await recordAudit(tx, {
    actor: actor ? auditActorOf(actor) : EXPIRY_ACTOR,
    action: "scope.revoked",
    entityType: "AppScope",
    entityId: row.id,
    organizationId: row.app.organizationId,
    before: { scope: row.scope, state: "granted" },
    after: { state: "revoked", reason, source },
    at: now,
  });
  return { appScopeId: row.id, appId: row.app.id, scope: row.scope };
}

/** Replaces a live grant with a narrower one at once: narrowing never widens access, so no approval waits. */
export async function replaceGrantWithNarrowerInTx(
  tx: Tx,
  actor: Actor,
  input: { appScopeId: string; narrowedScope: string; reason: string | null },
  ctx: DomainContext,
  source: Source,
) {
  const now = ctx.now ?? new Date();
  const row = await loadGrant(tx, input.appScopeId);
  const narrowed = parseScope(input.narrowedScope);
  const problem = narrowingProblem(parseScope(row.scope), narrowed);
  if (problem) throw new AppError("INVALID_INPUT", problem, { narrowedScope: [problem] });
  const endReason = `Replaced by the narrower ${narrowed.normalized}${source === "review" ? " in an access review" : ""}.${input.reason ? ` ${input.reason}` : ""}`;
  await claimScope(tx, row, "granted", {
    state: "revoked",
    stateReason: endReason,
    stateChangedAt: now,
    stateChangedById: actor.id,
  });
  let created;
  try {
    created = await tx.appScope.create({
      data: {
        appId: row.appId,
        scope: narrowed.normalized!,
        requested: input.narrowedScope,
        state: "granted",
        risk: gradeRisk(narrowed)?.level ?? row.risk,
        policyOutcome: row.policyOutcome,
        approvalsRequired: row.approvalsRequired,
        policyVersionId: row.policyVersionId,
        policyRuleId: row.policyRuleId,
        justification: row.justification,
        stateReason: `Narrowed from ${row.scope}${source === "review" ? " in an access review" : ""}.`,
        stateChangedAt: now,
        stateChangedById: actor.id,
        requestedById: row.requestedById,
        grantedAt: now,
        grantedById: actor.id,
        replacesId: row.id,
        // Narrowing never extends a grant's life.
        expiresAt: row.expiresAt,
      },
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError(
        "CONFLICT",
        `${row.app.name} already holds ${narrowed.normalized}; revoke ${row.scope} instead.`,
      );
    throw error;
  }
  await tx.scopeEvent.createMany({
    data: [
      {
        appScopeId: row.id,
        fromState: "granted",
        toState: "revoked",
        actorId: actor.id,
        reason: endReason,
        createdAt: now,
      },
      {
        appScopeId: created.id,
        fromState: null,
        toState: "granted",
        actorId: actor.id,
        reason: created.stateReason,
        createdAt: now,
      },
    ],
  });
  await announceGrantChange(
    tx,
    row.app,
    {
      type: "grant.revoked",
      scope: row.scope,
      reason: endReason,
      actorLabel: actor.email,
      extra: { source, replacedBy: created.scope },
    },
    ctx,
  );
  await announceGrantChange(
    tx,
    row.app,
    {
      type: "grant.approved",
      scope: created.scope,
      reason: input.reason,
      actorLabel: actor.email,
      extra: { source, replaces: row.scope },
    },
    ctx,
  );
  await tellPartner(
    tx,
    row.app,
    {
      kind: "scope.narrowed",
      title: `Narrowed: ${row.scope} → ${created.scope} for ${row.app.name}`,
      lines: [
        `${row.app.name} now holds ${created.scope} instead of ${row.scope}.`,
        ...(input.reason ? [`Reason: ${input.reason}`] : []),
      ],
    },
    ctx,
  );
  await recordAudit(tx, {
    actor: auditActorOf(actor),
    action: "scope.narrowed",
    entityType: "AppScope",
    entityId: row.id,
    organizationId: row.app.organizationId,
    before: { scope: row.scope, state: "granted" },
    after: { state: "revoked", replacedBy: created.scope, replacedById: created.id, source },
    at: now,
  });
  return { appScopeId: created.id, scope: created.scope };
}

/** Every grant of an app ends at once; requests still waiting are denied with the same reason. */
export async function revokeAppGrants(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZRevokeAppGrants>,
  ctx: DomainContext = {},
) {
  assertRole(actor, "admin");
  const input = parseOrThrow(ZRevokeAppGrants, raw);
  const now = ctx.now ?? new Date();
  return db.$transaction(async (tx) => {
    const app = await tx.app.findUnique({
      where: { id: input.appId },
      select: { id: true, name: true, clientId: true, organizationId: true },
    });
    if (!app) throw new AppError("NOT_FOUND", "That app was not found.");
    const live = await tx.appScope.findMany({
      where: { appId: app.id, state: { in: LIVE_SCOPE_STATES } },
      select: { id: true, scope: true, state: true },
    });
    if (live.length === 0)
      throw new AppError(
        "CONFLICT",
        `${app.name} has no live grants or requests; nothing was changed.`,
      );
    const granted = live.filter((l) => l.state === "granted");
    const waiting = live.filter((l) => l.state !== "granted");
    const update = (ids: string[], state: "revoked" | "denied") =>
      tx.appScope.updateMany({
        where: { id: { in: ids } },
        data: {
          state,
          stateReason: input.reason,
          stateChangedAt: now,
          stateChangedById: actor.id,
          version: { increment: 1 },
        },
      });
    await update(
      granted.map((g) => g.id),
      "revoked",
    );
    await update(
      waiting.map((w) => w.id),
      "denied",
    );
    await tx.scopeEvent.createMany({
      data: live.map((l) => ({
        appScopeId: l.id,
        fromState: l.state,
        toState: l.state === "granted" ? "revoked" : "denied",
        actorId: actor.id,
        reason: input.reason,
        createdAt: now,
      })),
    });
    await markGrantsChanged(tx, [app.id]);
    for (const l of live) {
      await queueWebhookEvent(tx, {
        type: l.state === "granted" ? "grant.revoked" : "grant.denied",
        organizationId: app.organizationId,
        appId: app.id,
        at: now,
        data: {
          clientId: app.clientId,
          appId: app.id,
          appName: app.name,
          scope: l.scope,
          reason: input.reason,
          by: actor.email,
        },
      });
    }
    await tellPartner(
      tx,
      app,
      {
        kind: "app.grants_revoked",
        title: `All access revoked for ${app.name}`,
        lines: [
          `${granted.length} grant(s) revoked and ${waiting.length} request(s) denied.`,
          `Reason: ${input.reason}`,
        ],
      },
      ctx,
    );
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "app.grants_revoked",
      entityType: "App",
      entityId: app.id,
      organizationId: app.organizationId,
      before: { scopes: live.map((l) => ({ scope: l.scope, state: l.state })) },
      after: {
        revoked: granted.map((g) => g.scope),
        denied: waiting.map((w) => w.scope),
        reason: input.reason,
      },
      at: now,
    });
    return { revoked: granted.length, denied: waiting.length };
  });
}
