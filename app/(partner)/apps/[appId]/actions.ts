"use server";
import { revalidatePath } from "next/cache";
import { requestScopeChange, rotateClientSecret } from "@/lib/apps/service";
import { requireUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { runAction, type ActionState } from "@/lib/server/action";

export async function rotateSecretAction(appId: string): Promise<ActionState> {
  return runAction(undefined, async () => {
    const partner = await requireUser(["partner"]);
    const { clientSecret } = await rotateClientSecret(getDb(), partner, { appId });
    revalidatePath(`/apps/${appId}`);
    return {
      status: "success",
      message: "A new secret is active; the old one no longer works.",
      data: { clientSecret },
    };
  });
}

export async function changeScopesAction(payload: {
  appId: string;
  scopes: string;
  justification: string;
}): Promise<ActionState> {
  return runAction(undefined, async () => {
    const partner = await requireUser(["partner"]);
    const result = await requestScopeChange(getDb(), partner, payload);
    revalidatePath(`/apps/${payload.appId}`);
    revalidatePath("/apps");
    const granted = result.added.filter((a) => a.state === "granted").length;
    const pending = result.added.length - granted + result.resubmitted.length;
    return {
      status: "success",
      message: `Change submitted: ${result.removed.length} removed, ${granted} granted at once, ${pending} waiting for approval.`,
    };
  });
}
