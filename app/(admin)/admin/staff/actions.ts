"use server";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { formValues, runAction, type ActionState } from "@/lib/server/action";
import { deliverMailAfterResponse } from "@/lib/server/mailer";
import { createInvitation } from "@/lib/users/invitations";

export async function inviteStaffAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const values = formValues(formData);
  return runAction(values, async () => {
    const admin = await requireUser(["admin"]);
    const { invitation, link } = await createInvitation(getDb(), admin, values, {
      appUrl: getEnv().APP_URL,
    });
    deliverMailAfterResponse();
    revalidatePath("/admin/staff");
    return {
      status: "success",
      message: `Invitation sent to ${invitation.email}.`,
      data: { link },
    };
  });
}
