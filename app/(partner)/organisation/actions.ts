"use server";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { removeMember, revokeInvitation } from "@/lib/orgs/service";
import { formValues, runAction, type ActionState } from "@/lib/server/action";
import { deliverMailAfterResponse } from "@/lib/server/mailer";
import { createInvitation } from "@/lib/users/invitations";

export async function inviteTeammateAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const values = formValues(formData);
  return runAction(values, async () => {
    const partner = await requireUser(["partner"]);
    const { invitation, link } = await createInvitation(
      getDb(),
      partner,
      { email: values.email, role: "partner" },
      { appUrl: getEnv().APP_URL },
    );
    deliverMailAfterResponse();
    revalidatePath("/organisation");
    return {
      status: "success",
      message: `Invitation sent to ${invitation.email}.`,
      data: { link },
    };
  });
}

export async function removeMemberAction(userId: string): Promise<ActionState> {
  return runAction(undefined, async () => {
    const partner = await requireUser(["partner"]);
    await removeMember(getDb(), partner, { userId });
    revalidatePath("/organisation");
    return { status: "success", message: "Member removed. They can no longer sign in." };
  });
}

export async function revokeInvitationAction(invitationId: string): Promise<ActionState> {
  return runAction(undefined, async () => {
    const partner = await requireUser(["partner"]);
    await revokeInvitation(getDb(), partner, { invitationId });
    revalidatePath("/organisation");
    return { status: "success", message: "Invitation withdrawn." };
  });
}
