// What partners and admins see of an app's registration at the authorization server.
import type { Db } from "../database/client";

export type ProvisioningState = "in_sync" | "pending" | "failed" | "not_provisioned";

export type ProvisioningStatus = {
  state: ProvisioningState;
  /** The grants version the AS holds. */
  syncedVersion: number | null;
  /** The app's current grants version. */
  grantsVersion: number;
  syncedAt: Date | null;
  pendingSince: Date | null;
  nextAttemptAt: Date | null;
  attempts: number;
  /** The AS's error, word for word. */
  lastError: string | null;
  isRegistered: boolean;
  /** Scopes the AS allowed at the last read-back that were never approved. */
  driftScopes: string[];
  driftCheckedAt: Date | null;
  /** The AS issued its own client secret, waiting to be shown to the partner once. */
  hasIssuedSecret: boolean;
};

export function stateOf(row: { pendingSince: Date | null; lastError: string | null } | null) {
  if (!row) return "not_provisioned" as const;
  if (!row.pendingSince) return "in_sync" as const;
  return row.lastError ? ("failed" as const) : ("pending" as const);
}

export async function getProvisioningStatus(
  db: Db,
  app: { id: string; grantsVersion: number },
): Promise<ProvisioningStatus> {
  const row = await db.appProvisioning.findUnique({
    where: { appId: app.id },
    select: {
      pendingSince: true,
      nextAttemptAt: true,
      attempts: true,
      lastError: true,
      syncedVersion: true,
      syncedAt: true,
      isRegistered: true,
      driftScopes: true,
      driftCheckedAt: true,
      issuedSecretEnc: true,
    },
  });
  return {
    state: stateOf(row),
    grantsVersion: app.grantsVersion,
    syncedVersion: row?.syncedVersion ?? null,
    syncedAt: row?.syncedAt ?? null,
    pendingSince: row?.pendingSince ?? null,
    nextAttemptAt: row?.nextAttemptAt ?? null,
    attempts: row?.attempts ?? 0,
    lastError: row?.lastError ?? null,
    isRegistered: row?.isRegistered ?? false,
    driftScopes: row?.driftScopes ?? [],
    driftCheckedAt: row?.driftCheckedAt ?? null,
    hasIssuedSecret: Boolean(row?.issuedSecretEnc),
  };
}

/** Apps whose registration drifted from the approved set, for the admin drift view. */
export async function findProvisioningDrift(db: Db, limit = 200) {
  const rows = await db.appProvisioning.findMany({
    where: { driftScopes: { isEmpty: false } },
    select: { appId: true, driftScopes: true, driftCheckedAt: true },
    orderBy: { driftCheckedAt: "desc" },
    take: limit,
  });
  const apps = await db.app.findMany({
    where: { id: { in: rows.map((r) => r.appId) } },
    select: { id: true, name: true, clientId: true },
  });
  const byId = new Map(apps.map((a) => [a.id, a]));
  return rows.flatMap((r) => {
    const app = byId.get(r.appId);
    return app ? [{ ...r, name: app.name, clientId: app.clientId }] : [];
  });
}
