// The recurring side of provisioning: retry what the after-response flush missed (the AS was
// down, the process stopped), and read every registration back to report drift.
import type { Db } from "../database/client";
import { getProvisioningEnv } from "../env";
import type { RecurringJob } from "../recurring-job";
import { provisioningTargetOf, type ProvisioningTarget } from "./config";
import { reconcileRegistrations } from "./reconcile";
import { flushProvisioning } from "./sync";

/** The configured target, or null (logged once) when provisioning is not configured. */
let warned = false;
export function provisioningTargetFromEnv(): ProvisioningTarget | null {
  const target = provisioningTargetOf(getProvisioningEnv());
  if (typeof target === "string") {
    if (!warned) console.warn(target);
    warned = true;
    return null;
  }
  return target;
}

/** The after-response flusher: sends every due change to the AS. */
export async function flushProvisioningFromEnv(db: Db): Promise<void> {
  const target = provisioningTargetFromEnv();
  if (target) await flushProvisioning(db, target);
}

export const provisioningSyncJob: RecurringJob = {
  name: "provisioning.sync",
  cron: "* * * * *",
  run: ({ db }) => flushProvisioningFromEnv(db),
};

export const provisioningReconcileJob: RecurringJob = {
  name: "provisioning.reconcile",
  cron: "*/15 * * * *",
  run: async ({ db }) => {
    const target = provisioningTargetFromEnv();
    if (!target) return;
    const report = await reconcileRegistrations(db, target);
    if (report.drifted)
      console.warn(
        `provisioning: ${report.drifted} registration(s) at the authorization server allow scopes that were never approved`,
      );
  },
};
