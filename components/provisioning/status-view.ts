// An app's authorization-server status as the status card takes it: plain values a server page
// can hand to a client component.
import type { ProvisioningStatus } from "@/lib/provisioning/status";

export type AuthServerStatusView = {
  state: "in_sync" | "pending" | "failed" | "not_provisioned";
  syncedVersion: number | null;
  grantsVersion: number;
  syncedAt: string | null;
  pendingSince: string | null;
  nextAttemptAt: string | null;
  attempts: number;
  lastError: string | null;
  isRegistered: boolean;
  driftScopes: string[];
  hasIssuedSecret: boolean;
};

/** Dates as ISO strings. */
export function toStatusView(status: ProvisioningStatus): AuthServerStatusView {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    state: status.state,
    syncedVersion: status.syncedVersion,
    grantsVersion: status.grantsVersion,
    syncedAt: iso(status.syncedAt),
    pendingSince: iso(status.pendingSince),
    nextAttemptAt: iso(status.nextAttemptAt),
    attempts: status.attempts,
    lastError: status.lastError,
    isRegistered: status.isRegistered,
    driftScopes: status.driftScopes,
    hasIssuedSecret: status.hasIssuedSecret,
  };
}
