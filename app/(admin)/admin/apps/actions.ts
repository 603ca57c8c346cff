"use server";
import { approveRenewal } from "@/lib/approvals/renewal";
import { revokeAppGrants, revokeGrant } from "@/lib/approvals/revoke";
import {
  ZRenewalApproval,
  ZRevokeAppGrants,
  ZRevokeGrant,
  ZSetAppStatus,
} from "@/lib/approvals/schemas";
import { setAppStatus } from "@/lib/approvals/suspend";
import { getDb } from "@/lib/db";
import {
  restoreApprovedScopes,
  retryProvisioning,
  ZProvisioningAppId,
} from "@/lib/provisioning/service";
import { checkAppKeysNow, keyCheckMessage } from "@/lib/jwks/check";
import { ZAppId } from "@/lib/apps/schemas";
import { adminAction } from "@/lib/server/action-client";
import { domainContext } from "@/lib/server/domain-context";

// Each of these changes one app's page and the apps list.
const APPS = "/admin/apps";

export const revokeGrantAction = adminAction(ZRevokeGrant, async ({ user, input, revalidate }) => {
  const { scope } = await revokeGrant(getDb(), user, input, domainContext());
  revalidate(APPS, "layout");
  return { message: `${scope} is revoked.` };
});

export const revokeAllAction = adminAction(
  ZRevokeAppGrants,
  async ({ user, input, revalidate }) => {
    const { revoked, denied } = await revokeAppGrants(getDb(), user, input, domainContext());
    revalidate(APPS, "layout");
    return { message: `${revoked} grant(s) revoked, ${denied} request(s) denied.` };
  },
);

export const setAppStatusAction = adminAction(
  ZSetAppStatus,
  async ({ user, input, revalidate }) => {
    await setAppStatus(getDb(), user, input, domainContext());
    revalidate(APPS, "layout");
    return {
      message: input.status === "suspended" ? "The app is suspended." : "The app is active again.",
    };
  },
);

export const approveRenewalAction = adminAction(
  ZRenewalApproval,
  async ({ user, input, revalidate }) => {
    const result = await approveRenewal(getDb(), user, input, domainContext());
    revalidate(APPS, "layout");
    return {
      message:
        result.outcome === "renewed"
          ? "Renewed: the partner has been told the new expiry."
          : `Approval recorded (${result.have} of ${result.need}); a different administrator must approve too.`,
    };
  },
);

export const retryProvisioningAction = adminAction(
  ZProvisioningAppId,
  async ({ user, input, revalidate }) => {
    await retryProvisioning(getDb(), user, input);
    revalidate(APPS, "layout");
    return { message: "Sent to the authorization server again." };
  },
);

export const restoreApprovedScopesAction = adminAction(
  ZProvisioningAppId,
  async ({ user, input, revalidate }) => {
    await restoreApprovedScopes(getDb(), user, input);
    revalidate(APPS, "layout");
    return { message: "The approved set is on its way back to the authorization server." };
  },
);

export const checkKeysAction = adminAction(ZAppId, async ({ user, input, revalidate }) => {
  const result = await checkAppKeysNow(getDb(), user, input, domainContext());
  revalidate(`${APPS}/${input.appId}`);
  return { message: keyCheckMessage(result.problems.length) };
});
