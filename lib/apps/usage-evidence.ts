// What the app pages show beside each grant: its usage (lib/usage) and the policy's threshold.
import { getCurrentPolicy } from "../approvals/policy-versions";
import type { Db } from "../database/client";
import { unusedAfterDays } from "../policy";
import { findDeniedHints, findGrantUsage, usageOf, type GrantUsage } from "../usage/queries";

export type GrantEvidenceView = {
  unusedAfterDays: number;
  usageOf: (appScopeId: string) => GrantUsage;
};

export async function getGrantEvidence(
  db: Db,
  scopes: readonly { id: string; state: string }[],
  now: Date,
): Promise<GrantEvidenceView> {
  const granted = scopes.filter((s) => s.state === "granted").map((s) => s.id);
  const [usage, policy] = await Promise.all([
    findGrantUsage(db, granted, now),
    getCurrentPolicy(db),
  ]);
  return {
    unusedAfterDays: unusedAfterDays(policy.policy),
    usageOf: (id) => usageOf(usage, id),
  };
}

/** For admins: the scopes an app keeps being denied (last 30 days). */
export const findAppDeniedHints = (db: Db, appId: string, now: Date) =>
  findDeniedHints(db, appId, now);
