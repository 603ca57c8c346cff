// Reads every registration back from the authorization server (RFC 7592 read) and records drift:
// scopes the AS allows that the portal never approved, or a registration the AS no longer has.
import type { Db } from "../database/client";
import { notifyAdmins } from "../notifications/service";
import { decryptSecret } from "../webhooks/secrets";
import type { ProvisioningTarget } from "./config";
import { ceilingOf, scopesBeyond } from "./metadata";
import { readRegistration, RegistrationError } from "./registration-client";

export const MISSING_REGISTRATION = "(registration missing at the authorization server)";

/** `changed`: registrations skipped because a change arrived while they were read back. */
export type ReconcileReport = { checked: number; drifted: number; failed: number; changed: number };

/**
 * Reads each registration in sync back and compares it with the approved set. A change that
 * commits while a registration is being read (its `changeSeq` moves, or it is pending again) makes
 * that comparison meaningless: the registration is older than the approved set, not wider than it,
 * and its sync is on the way. Such an app is skipped until the next pass, so a revocation during
 * the read-back never raises a false drift alarm.
 */
export async function reconcileRegistrations(
  db: Db,
  target: ProvisioningTarget,
  /** afterRead runs once each registration has been read (tests commit a change at that moment). */
  hooks: { afterRead?: (appId: string) => Promise<void> } = {},
): Promise<ReconcileReport> {
  const report: ReconcileReport = { checked: 0, drifted: 0, failed: 0, changed: 0 };
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await db.appProvisioning.findMany({
      where: { appId: { gt: after }, isRegistered: true, pendingSince: null },
      select: {
        appId: true,
        changeSeq: true,
        clientUriEnc: true,
        accessTokenEnc: true,
        driftScopes: true,
      },
      orderBy: { appId: "asc" },
      take: 100,
    });
    if (rows.length === 0) return report;
    after = rows.at(-1)!.appId;
    for (const row of rows) {
      if (!row.clientUriEnc || !row.accessTokenEnc) continue;
      try {
        const registration = await readRegistration(target, {
          registrationClientUri: decryptSecret(row.clientUriEnc, target.sealingKey),
          registrationAccessToken: decryptSecret(row.accessTokenEnc, target.sealingKey),
        });
        await hooks.afterRead?.(row.appId);
        const outcome = await db.$transaction(async (tx) => {
          // Locked, so a change waits for this comparison instead of slipping in beside it.
          const [now] = await tx.$queryRaw<{ changeSeq: number; pendingSince: Date | null }[]>`
            SELECT "changeSeq", "pendingSince" FROM "AppProvisioning"
            WHERE "appId" = ${row.appId}::uuid FOR UPDATE`;
          if (!now || now.changeSeq !== row.changeSeq || now.pendingSince !== null)
            return "changed" as const;
          const app = await tx.app.findUnique({
            where: { id: row.appId },
            select: {
              name: true,
              status: true,
              organization: { select: { status: true } },
              scopes: { where: { state: "granted" }, select: { scope: true } },
            },
          });
          if (!app) return "changed" as const;
          const approved = ceilingOf(
            { appStatus: app.status, partnerStatus: app.organization.status },
            app.scopes.map((s) => s.scope),
          );
          const registered = registration?.metadata.scope;
          const drift = registration
            ? scopesBeyond(typeof registered === "string" ? registered : "", approved)
            : [MISSING_REGISTRATION];
          await tx.appProvisioning.update({
            where: { appId: row.appId },
            data: { driftScopes: drift, driftCheckedAt: new Date() },
          });
          // Admins hear of drift once, when it appears, not at every read-back.
          if (drift.some((s) => !row.driftScopes.includes(s)))
            await notifyAdmins(tx, {
              kind: "provisioning.drift",
              title: `Drift at the authorization server: ${app.name}`,
              body: `The authorization server allows ${drift.join(", ")} for ${app.name}, which was never approved. Restore the approved set from the app's page.`,
              link: `/admin/apps/${row.appId}`,
            });
          return drift.length > 0 ? ("drifted" as const) : ("checked" as const);
        });
        if (outcome === "changed") {
          report.changed++;
          continue;
        }
        report.checked++;
        if (outcome === "drifted") report.drifted++;
      } catch (error) {
        if (!(error instanceof RegistrationError)) throw error;
        report.failed++;
      }
    }
  }
}
