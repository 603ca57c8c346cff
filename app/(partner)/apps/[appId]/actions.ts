"use server";
import { ZAppId, ZScopeChange } from "@/lib/apps/schemas";
import { requestScopeChange, rotateClientSecret } from "@/lib/apps/service";
import { requestRenewal } from "@/lib/approvals/renewal";
import { ZRenewalRequest } from "@/lib/approvals/schemas";
import { getDb } from "@/lib/db";
import { formatDate } from "@/lib/format";
import { domainContext } from "@/lib/server/domain-context";
import {
  retryProvisioning,
  revealIssuedSecret,
  ZProvisioningAppId,
} from "@/lib/provisioning/service";
import { checkAppKeysNow, keyCheckMessage } from "@/lib/jwks/check";
import { partnerAction } from "@/lib/server/action-client";

export const rotateSecretAction = partnerAction(ZAppId, async ({ user, input, revalidate }) => {
  const { clientSecret } = await rotateClientSecret(getDb(), user, input);
  revalidate(`/apps/${input.appId}`);
  return {
    message: "A new secret is active; the old one no longer works.",
    data: { clientSecret },
  };
});

export const changeScopesAction = partnerAction(
  ZScopeChange,
  async ({ user, input, submitted, revalidate }) => {
    const result = await requestScopeChange(getDb(), user, submitted);
    revalidate(`/apps/${input.appId}`);
    revalidate("/apps");
    const granted = result.added.filter((a) => a.state === "granted").length;
    const pending = result.added.length - granted + result.resubmitted.length;
    return {
      message: `Change submitted: ${result.removed.length} removed, ${granted} granted at once, ${pending} waiting for approval.`,
    };
  },
);

export const requestRenewalAction = partnerAction(
  ZRenewalRequest,
  async ({ user, input, revalidate }) => {
    const result = await requestRenewal(getDb(), user, input, domainContext());
    revalidate("/apps", "layout");
    return {
      message:
        result.outcome === "renewed"
          ? `Renewed: ${result.expiresAt ? `it now expires ${formatDate(result.expiresAt)}` : "it no longer expires"}.`
          : `Renewal requested: waiting for ${result.approversNeeded === 2 ? "two administrators" : "an administrator"}.`,
    };
  },
);

export const retryProvisioningAction = partnerAction(
  ZProvisioningAppId,
  async ({ user, input, revalidate }) => {
    await retryProvisioning(getDb(), user, input);
    revalidate(`/apps/${input.appId}`);
    return { message: "Sent to the authorization server again." };
  },
);

export const revealIssuedSecretAction = partnerAction(
  ZProvisioningAppId,
  async ({ user, input, revalidate }) => {
    const { clientSecret } = await revealIssuedSecret(getDb(), user, input);
    revalidate(`/apps/${input.appId}`);
    return { message: "Copy it now: it is not shown again.", data: { clientSecret } };
  },
);

export const checkKeysAction = partnerAction(ZAppId, async ({ user, input, revalidate }) => {
  const result = await checkAppKeysNow(getDb(), user, input, domainContext());
  revalidate(`/apps/${input.appId}`);
  return { message: keyCheckMessage(result.problems.length) };
});
