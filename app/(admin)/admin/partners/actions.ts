"use server";
import { revalidatePath } from "next/cache";
import { setOrganizationStatus } from "@/lib/approvals/suspend";
import { requireUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { runAction, type ActionState } from "@/lib/server/action";
import { domainContext } from "@/lib/server/domain-context";
import { deliverMailAfterResponse } from "@/lib/server/mailer";
import { deliverWebhooksAfterResponse } from "@/lib/server/webhooks";

export async function setOrganizationStatusAction(
  organizationId: string,
  status: "active" | "suspended",
  reason: string,
): Promise<ActionState> {
  return runAction(undefined, async () => {
    const admin = await requireUser(["admin"]);
    await setOrganizationStatus(
      getDb(),
      admin,
      { organizationId, status, reason },
      domainContext(),
    );
    deliverMailAfterResponse();
    deliverWebhooksAfterResponse();
    revalidatePath(`/admin/partners/${organizationId}`);
    revalidatePath("/admin/partners");
    return {
      status: "success",
      message:
        status === "suspended"
          ? "The organisation is suspended; none of its apps has access."
          : "The organisation is active again.",
    };
  });
}
