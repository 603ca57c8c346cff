"use server";
import { revalidatePath } from "next/cache";
import { revokeAppGrants, revokeGrant } from "@/lib/approvals/revoke";
import { setAppStatus } from "@/lib/approvals/suspend";
import { requireUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { runAction, type ActionState } from "@/lib/server/action";
import { domainContext } from "@/lib/server/domain-context";
import { deliverMailAfterResponse } from "@/lib/server/mailer";
import { deliverWebhooksAfterResponse } from "@/lib/server/webhooks";

function done(appId: string, message: string): ActionState {
  deliverMailAfterResponse();
  deliverWebhooksAfterResponse();
  revalidatePath(`/admin/apps/${appId}`);
  revalidatePath("/admin/apps");
  return { status: "success", message };
}

export async function revokeGrantAction(
  appId: string,
  appScopeId: string,
  reason: string,
): Promise<ActionState> {
  return runAction(undefined, async () => {
    const admin = await requireUser(["admin"]);
    const { scope } = await revokeGrant(getDb(), admin, { appScopeId, reason }, domainContext());
    return done(appId, `${scope} is revoked.`);
  });
}

export async function revokeAllAction(appId: string, reason: string): Promise<ActionState> {
  return runAction(undefined, async () => {
    const admin = await requireUser(["admin"]);
    const { revoked, denied } = await revokeAppGrants(
      getDb(),
      admin,
      { appId, reason },
      domainContext(),
    );
    return done(appId, `${revoked} grant(s) revoked, ${denied} request(s) denied.`);
  });
}

export async function setAppStatusAction(
  appId: string,
  status: "active" | "suspended",
  reason: string,
): Promise<ActionState> {
  return runAction(undefined, async () => {
    const admin = await requireUser(["admin"]);
    await setAppStatus(getDb(), admin, { appId, status, reason }, domainContext());
    return done(
      appId,
      status === "suspended" ? "The app is suspended." : "The app is active again.",
    );
  });
}
