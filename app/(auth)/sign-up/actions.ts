"use server";
import { getDb } from "@/lib/db";
import { formValues, runAction, type ActionState } from "@/lib/server/action";
import { requestIp } from "@/lib/server/request";
import { signUpPartner } from "@/lib/users/service";

/** Public by design: anyone may create a partner organisation (the input is fully validated). */
export async function signUpAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  return runAction(values, async () => {
    await signUpPartner(getDb(), values, { ip: await requestIp() });
    return { status: "success", message: "Your account is ready." };
  });
}
