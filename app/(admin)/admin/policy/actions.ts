"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { previewPolicyChange, savePolicy } from "@/lib/approvals/policy-service";
import { ZSavePolicy, type SavePolicyInput } from "@/lib/approvals/policy-schemas";
import { getDb } from "@/lib/db";
import { DEFAULT_POLICY } from "@/lib/policy";
import { adminAction } from "@/lib/server/action-client";

type PolicyDocument = SavePolicyInput["policy"];

// savePolicy checks the note and the document together, so every problem shows at once by its
// field (document errors keep paths like "rules.2.description"): this schema only types them.
const ZSave = z.object({
  policy: z.custom<PolicyDocument>(),
  note: z.custom<SavePolicyInput["note"]>(),
  baseVersion: z.custom<SavePolicyInput["baseVersion"]>(),
});

/** On success the editor's page reloads with the new version in force. */
export const savePolicyAction = adminAction(ZSave, async ({ user, submitted, ip, revalidate }) => {
  const saved = await savePolicy(getDb(), user, submitted, { ip: await ip() });
  revalidate("/admin/policy");
  redirect(`/admin/policy?saved=${saved.version}`);
});

export const resetPolicyAction = adminAction(
  ZSavePolicy.omit({ policy: true }),
  async ({ user, submitted, ip, revalidate }) => {
    const saved = await savePolicy(
      getDb(),
      user,
      { ...submitted, policy: DEFAULT_POLICY },
      { ip: await ip() },
    );
    revalidate("/admin/policy");
    redirect(`/admin/policy?saved=${saved.version}`);
  },
);

export const previewPolicyAction = adminAction(
  z.object({ policy: z.custom<PolicyDocument>() }),
  async ({ user, input }) => {
    const impact = await previewPolicyChange(getDb(), user, input.policy);
    return { data: { impact } };
  },
);
