// Use cases on an app's registration at the authorization server: send the app again now (the
// retry button), and restore the approved set after drift. Both only mark the app pending, in a
// transaction with their audit event; the after-response flush delivers it.
import { z } from "zod";
import { assertRole, auditActorOf, type Actor } from "../actor";
import { recordAudit } from "../audit/service";
import type { Db, Tx } from "../database/client";
import { AppError } from "../errors";
import { parseOrThrow } from "../validation";
import { unseal } from "./outbox";

export const ZProvisioningAppId = z.object({ appId: z.uuid("That app was not found.") });

/** Marks apps pending with no backoff (the next flush sends their current state). */
export async function markProvisioningDue(tx: Tx, appIds: readonly string[]): Promise<void> {
  if (appIds.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "AppProvisioning" ("appId", "pendingSince", "changeSeq", "nextAttemptAt", "updatedAt")
    SELECT id, now(), 1, now(), now() FROM unnest(${[...appIds]}::uuid[]) AS id
    ON CONFLICT ("appId") DO UPDATE SET
      "pendingSince" = COALESCE("AppProvisioning"."pendingSince", now()),
      "changeSeq" = "AppProvisioning"."changeSeq" + 1, "nextAttemptAt" = now(), "updatedAt" = now()`;
}

async function loadVisibleApp(tx: Tx, actor: Actor, appId: string) {
  const app = await tx.app.findUnique({
    where: { id: appId },
    select: { id: true, name: true, organizationId: true },
  });
  // Another organisation's app does not exist for a partner.
  if (!app || (actor.role === "partner" && app.organizationId !== actor.organizationId))
    throw new AppError("NOT_FOUND", "That app was not found.");
  return app;
}

/** The retry button: the app's current state goes to the AS at once. Partner (own apps) or admin. */
export async function retryProvisioning(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZProvisioningAppId>,
): Promise<void> {
  assertRole(actor, "partner", "admin");
  const { appId } = parseOrThrow(ZProvisioningAppId, raw);
  await db.$transaction(async (tx) => {
    const app = await loadVisibleApp(tx, actor, appId);
    await markProvisioningDue(tx, [app.id]);
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "app.provisioning_retried",
      entityType: "App",
      entityId: app.id,
      organizationId: app.organizationId,
    });
  });
}

/** After drift: the AS gets the approved set back (what it allowed beyond it is dropped). Admin. */
export async function restoreApprovedScopes(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZProvisioningAppId>,
): Promise<void> {
  assertRole(actor, "admin");
  const { appId } = parseOrThrow(ZProvisioningAppId, raw);
  await db.$transaction(async (tx) => {
    const app = await loadVisibleApp(tx, actor, appId);
    const row = await tx.appProvisioning.findUnique({
      where: { appId },
      select: { driftScopes: true },
    });
    await markProvisioningDue(tx, [app.id]);
    await tx.appProvisioning.update({ where: { appId }, data: { driftScopes: [] } });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "app.provisioning_restored",
      entityType: "App",
      entityId: app.id,
      organizationId: app.organizationId,
      before: { driftScopes: row?.driftScopes ?? [] },
    });
  });
}

/**
 * The client secret an authorization server issued itself (it ignored the portal's), shown to the
 * partner once: reading it deletes the portal's sealed copy, in one transaction with its audit event.
 */
export async function revealIssuedSecret(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZProvisioningAppId>,
): Promise<{ clientSecret: string }> {
  assertRole(actor, "partner");
  const { appId } = parseOrThrow(ZProvisioningAppId, raw);
  return db.$transaction(async (tx) => {
    const app = await loadVisibleApp(tx, actor, appId);
    const [row] = await tx.$queryRaw<{ issuedSecretEnc: string | null }[]>`
      SELECT "issuedSecretEnc" FROM "AppProvisioning" WHERE "appId" = ${appId}::uuid FOR UPDATE`;
    if (!row?.issuedSecretEnc)
      throw new AppError(
        "CONFLICT",
        "There is no new client secret to show: it was shown once already, or the authorization server took the one you were given.",
      );
    await tx.appProvisioning.update({ where: { appId }, data: { issuedSecretEnc: null } });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "app.issued_secret_revealed",
      entityType: "App",
      entityId: app.id,
      organizationId: app.organizationId,
    });
    return { clientSecret: unseal(row.issuedSecretEnc) };
  });
}
