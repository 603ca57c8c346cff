// Partner use cases on apps: register, rotate the client secret, change the scope set.
import { assertRole, auditActorOf, type Actor } from "../actor";
import type { z } from "zod";
import type { Db, Tx } from "../database/client";
import { announceNewRequests } from "../approvals/alerts";
import { getCurrentPolicy } from "../approvals/policy-versions";
import { LIVE_SCOPE_STATES } from "../approvals/rules";
import { recordAudit } from "../audit/service";
import { markGrantsChanged } from "../enforcement/changes";
import { AppError, isUniqueViolation } from "../errors";
import { jwksUrlAnswerProblem, pastedJwksProblem, type KeyCheck } from "../provisioning/jwks";
import { queueClientSecret } from "../provisioning/outbox";
import { parseOrThrow } from "../validation";
import { classifyScopes, type Classified } from "./classify";
import { newClientId, newClientSecret } from "./credentials";
import { ZAppId, ZRegisterApp, ZScopeChange } from "./schemas";
import { insertClassifiedScopes, moveScopes } from "./scope-rows";

const nameKeyOf = (name: string) => name.trim().toLowerCase().replace(/\s+/g, " ");

async function assertOrgActive(tx: Tx, organizationId: string) {
  const org = await tx.organization.findUnique({
    where: { id: organizationId },
    select: { status: true, statusReason: true },
  });
  if (!org) throw new AppError("NOT_FOUND", "Your organisation was not found.");
  if (org.status === "suspended")
    throw new AppError(
      "FORBIDDEN",
      `Your organisation is suspended${org.statusReason ? ` (${org.statusReason})` : ""}; changes are not possible.`,
    );
}

/** Loads a partner's own app, or NOT_FOUND (another organisation's app does not exist for them). */
export async function loadOwnApp(tx: Tx, actor: Actor, appId: string) {
  assertRole(actor, "partner");
  const app = await tx.app.findFirst({
    where: { id: appId, organizationId: actor.organizationId! },
  });
  if (!app) throw new AppError("NOT_FOUND", "That app was not found.");
  return app;
}

function refuseForbidden(forbidden: { scope: string; reason: string }[]) {
  if (forbidden.length === 0) return;
  const list = forbidden.map((f) => `${f.scope} (${f.reason})`).join("; ");
  throw new AppError(
    "INVALID_INPUT",
    `Policy forbids ${forbidden.length === 1 ? "this scope" : "these scopes"}: ${list}`,
    { scopes: [`Policy forbids: ${list}`] },
  );
}

export type Registered = {
  appId: string;
  clientId: string;
  clientSecret: string | null;
  scopes: Classified[];
};

/** A new partner account registers apps only once its owner has opened the verification link. */
async function assertEmailVerified(tx: Tx, userId: string): Promise<void> {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { emailVerifiedAt: true },
  });
  if (!user?.emailVerifiedAt)
    throw new AppError(
      "FORBIDDEN",
      "Verify your e-mail address first: open the link we sent you, or send a new one from your account page.",
    );
}

/** A backend client's keys must be usable before anything is stored: the URL answers, the keys import. */
async function assertUsableKeys(details: TRegisterDetails, keyCheck: KeyCheck | undefined) {
  const urlProblem =
    details.jwksUrl && keyCheck ? await jwksUrlAnswerProblem(details.jwksUrl, keyCheck) : null;
  if (urlProblem)
    throw new AppError("INVALID_INPUT", `The JWKS URL ${urlProblem}.`, {
      "details.jwksUrl": [`The JWKS URL ${urlProblem}.`],
    });
  const pastedProblem = details.jwks ? await pastedJwksProblem(details.jwks) : null;
  if (pastedProblem)
    throw new AppError("INVALID_INPUT", `The pasted JWKS ${pastedProblem}.`, {
      "details.jwks": [`The pasted JWKS ${pastedProblem}.`],
    });
}
type TRegisterDetails = z.output<typeof ZRegisterApp>["details"];

/**
 * Registers an app and classifies every scope under the policy in force, in one transaction that
 * also queues its registration at the authorization server. `keyCheck` (the outbound policy)
 * makes a backend app's JWKS URL be fetched and checked first.
 */
export async function registerApp(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZRegisterApp>,
  now = new Date(),
  keyCheck?: KeyCheck,
): Promise<Registered> {
  assertRole(actor, "partner");
  const input = parseOrThrow(ZRegisterApp, raw);
  await assertUsableKeys(input.details, keyCheck);
  const orgId = actor.organizationId!;
  const secret = input.details.clientType === "confidential" ? newClientSecret() : null;
  try {
    return await db.$transaction(async (tx) => {
      await assertOrgActive(tx, orgId);
      await assertEmailVerified(tx, actor.id);
      const policy = await getCurrentPolicy(tx);
      const { classified, forbidden } = classifyScopes(
        policy.policy,
        input.scopes,
        input.details.appType,
        now,
      );
      refuseForbidden(forbidden);
      if (input.expiresAt && input.expiresAt.getTime() <= now.getTime())
        throw new AppError("INVALID_INPUT", "The expiry must be a date after today.", {
          expiresAt: ["The expiry must be a date after today."],
        });
      const app = await tx.app.create({
        data: {
          ...input.details,
          jwks: (input.details.jwks ?? undefined) as object | undefined,
          organizationId: orgId,
          nameKey: nameKeyOf(input.details.name),
          description: input.details.description ?? "",
          templateKey: input.templateKey,
          clientId: newClientId(),
          clientSecretHash: secret?.hash ?? null,
          secretRotatedAt: secret ? now : null,
          createdById: actor.id,
        },
      });
      const inserted = await insertClassifiedScopes(tx, {
        appId: app.id,
        classified,
        policyVersionId: policy.id,
        actorId: actor.id,
        justification: input.justification,
        requestedExpiresAt: input.expiresAt ?? null,
        now,
      });
      await announceNewRequests(
        tx,
        { name: app.name },
        inserted.filter((r) => r.state === "pending"),
        now,
      );
      if (secret) await queueClientSecret(tx, app.id, secret.secret);
      await markGrantsChanged(tx, [app.id]);
      await recordAudit(tx, {
        actor: auditActorOf(actor),
        action: "app.registered",
        entityType: "App",
        entityId: app.id,
        organizationId: orgId,
        after: {
          name: app.name,
          appType: app.appType,
          clientType: app.clientType,
          clientId: app.clientId,
          policyVersion: policy.version,
          scopes: classified.map((c) => ({ scope: c.scope, state: c.state, rule: c.ruleId })),
        },
        at: now,
      });
      return {
        appId: app.id,
        clientId: app.clientId,
        clientSecret: secret?.secret ?? null,
        scopes: classified,
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", "Your organisation already has an app with this name.", {
        "details.name": ["Your organisation already has an app with this name; choose another."],
      });
    }
    throw error;
  }
}

/** Issues a new secret for a confidential client; the old one stops working at once. */
export async function rotateClientSecret(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZAppId>,
  now = new Date(),
): Promise<{ clientSecret: string }> {
  const { appId } = parseOrThrow(ZAppId, raw);
  return db.$transaction(async (tx) => {
    const app = await loadOwnApp(tx, actor, appId);
    if (app.clientType !== "confidential")
      throw new AppError("INVALID_INPUT", "Only confidential clients have a client secret.");
    if (app.status === "suspended")
      throw new AppError("FORBIDDEN", "This app is suspended; its secret cannot be rotated.");
    await assertOrgActive(tx, app.organizationId);
    const secret = newClientSecret();
    await tx.app.update({
      where: { id: app.id },
      data: { clientSecretHash: secret.hash, secretRotatedAt: now },
    });
    await queueClientSecret(tx, app.id, secret.secret);
    await markGrantsChanged(tx, [app.id]);
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "app.secret_rotated",
      entityType: "App",
      entityId: app.id,
      organizationId: app.organizationId,
      before: { secretRotatedAt: app.secretRotatedAt },
      after: { secretRotatedAt: now },
      at: now,
    });
    return { clientSecret: secret.secret };
  });
}

export type ScopeChangeResult = { added: Classified[]; removed: string[]; resubmitted: string[] };

/**
 * Replaces the app's scope set: removals take effect at once, additions go through the policy in
 * force, and scopes sent back for changes that stay in the set return to the approval queue.
 */
export async function requestScopeChange(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZScopeChange>,
  now = new Date(),
): Promise<ScopeChangeResult> {
  const input = parseOrThrow(ZScopeChange, raw);
  return db.$transaction(async (tx) => {
    const app = await loadOwnApp(tx, actor, input.appId);
    await assertOrgActive(tx, app.organizationId);
    if (app.status === "suspended")
      throw new AppError("FORBIDDEN", "This app is suspended; its scopes cannot change.");
    const live = await tx.appScope.findMany({
      where: { appId: app.id, state: { in: LIVE_SCOPE_STATES } },
      select: { id: true, scope: true, state: true },
    });
    // Canonical forms compare by meaning: patient/X.read and patient/X.rs are the same scope.
    const wanted = new Set(input.scopes.map((s) => s.normalized));
    const current = new Set(live.map((l) => l.scope));
    const removedRows = live.filter((l) => !wanted.has(l.scope));
    const returning = live.filter((l) => l.state === "changes_requested" && wanted.has(l.scope));
    const addedParsed = input.scopes.filter((s) => !current.has(s.normalized!));
    if (addedParsed.length === 0 && removedRows.length === 0 && returning.length === 0) {
      throw new AppError(
        "INVALID_INPUT",
        "That is the scope set the app already has; nothing to change.",
        { scopes: ["Add or remove at least one scope."] },
      );
    }
    const policy = await getCurrentPolicy(tx);
    const { classified, forbidden } = classifyScopes(policy.policy, addedParsed, app.appType, now);
    refuseForbidden(forbidden);
    const removed = removedRows.map((r) => r.scope);
    if (input.expiresAt && input.expiresAt.getTime() <= now.getTime())
      throw new AppError("INVALID_INPUT", "The expiry must be a date after today.", {
        expiresAt: ["The expiry must be a date after today."],
      });

    const request = await tx.scopeChangeRequest.create({
      data: {
        appId: app.id,
        requestedById: actor.id,
        added: classified.map((c) => c.scope),
        removed,
        justification: input.justification,
      },
    });
    await moveScopes(tx, removedRows, "withdrawn", {
      actorId: actor.id,
      reason: "Removed by the partner in a scope change.",
      now,
    });
    await moveScopes(tx, returning, "pending", {
      actorId: actor.id,
      reason: "Resubmitted by the partner after changes were requested.",
      now,
    });
    if (input.justification && returning.length) {
      await tx.appScope.updateMany({
        where: { id: { in: returning.map((r) => r.id) } },
        data: { justification: input.justification },
      });
    }
    const inserted = await insertClassifiedScopes(tx, {
      appId: app.id,
      classified,
      policyVersionId: policy.id,
      actorId: actor.id,
      justification: input.justification,
      changeRequestId: request.id,
      requestedExpiresAt: input.expiresAt ?? null,
      now,
    });
    await announceNewRequests(
      tx,
      { name: app.name },
      [
        ...inserted.filter((r) => r.state === "pending"),
        ...returning.map((r) => ({ scope: r.scope, dueAt: null })),
      ],
      now,
    );
    if (
      removedRows.some((r) => r.state === "granted") ||
      classified.some((c) => c.state === "granted")
    ) {
      await markGrantsChanged(tx, [app.id]);
    }
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "app.scopes_changed",
      entityType: "App",
      entityId: app.id,
      organizationId: app.organizationId,
      before: { scopes: live.map((l) => ({ scope: l.scope, state: l.state })) },
      after: {
        added: classified.map((c) => ({ scope: c.scope, state: c.state, rule: c.ruleId })),
        removed,
        resubmitted: returning.map((r) => r.scope),
        policyVersion: policy.version,
      },
      at: now,
    });
    return { added: classified, removed, resubmitted: returning.map((r) => r.scope) };
  });
}
