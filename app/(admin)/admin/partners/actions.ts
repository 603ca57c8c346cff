"use server";
import { ZSetOrganizationStatus } from "@/lib/approvals/schemas";
import { setOrganizationStatus } from "@/lib/approvals/suspend";
import { getDb } from "@/lib/db";
import { adminAction } from "@/lib/server/action-client";
import { domainContext } from "@/lib/server/domain-context";
import { forgetSessionChecks } from "@/lib/users/sessions";

export const setOrganizationStatusAction = adminAction(
  ZSetOrganizationStatus,
  async ({ user, input, revalidate }) => {
    await setOrganizationStatus(getDb(), user, input, domainContext());
    // The members' next page shows the new status (and its reason) at once on this instance.
    forgetSessionChecks({ organizationId: input.organizationId });
    revalidate("/admin/partners", "layout");
    return {
      message:
        input.status === "suspended"
          ? "The organisation is suspended; none of its apps has access."
          : "The organisation is active again.",
    };
  },
);
