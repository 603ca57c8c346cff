"use server";
import { getDb } from "@/lib/db";
import { formValues, runAction, type ActionState } from "@/lib/server/action";
import { requestIp } from "@/lib/server/request";
import { acceptInvitation } from "@/lib/users/invitations";

/** Public: the token in the link is the credential (checked, single-use, expiring). */
export async function acceptInvitationAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const values = formValues(formData);
  return runAction(values, async () => {
    const user = await acceptInvitation(getDb(), values, { ip: await requestIp() });
    return { status: "success", message: "Your account is ready.", data: { email: user.email } };
  });
}
