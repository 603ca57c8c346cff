"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { previewPolicyChange, savePolicy } from "@/lib/approvals/policy-service";
import { requireUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { DEFAULT_POLICY } from "@/lib/policy";
import { runAction, type ActionState } from "@/lib/server/action";
import { requestIp } from "@/lib/server/request";

async function save(payload: unknown): Promise<never> {
  const admin = await requireUser(["admin"]);
  const saved = await savePolicy(getDb(), admin, payload, { ip: await requestIp() });
  revalidatePath("/admin/policy");
  redirect(`/admin/policy?saved=${saved.version}`);
}

/** The editor sends { policy, note, baseVersion }; the domain validates all of it. */
export async function savePolicyAction(payload: unknown): Promise<ActionState> {
  return runAction(undefined, () => save(payload));
}

export async function resetPolicyAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const values = {
    note: String(formData.get("note") ?? ""),
    baseVersion: String(formData.get("baseVersion") ?? ""),
  };
  return runAction(values, () => save({ policy: DEFAULT_POLICY, ...values }));
}

export async function previewPolicyAction(policy: unknown): Promise<ActionState> {
  return runAction(undefined, async () => {
    const admin = await requireUser(["admin"]);
    const impact = await previewPolicyChange(getDb(), admin, policy);
    return { status: "success", data: { impact } };
  });
}
