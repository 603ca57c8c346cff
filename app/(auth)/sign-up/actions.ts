"use server";
import { getDb } from "@/lib/db";
import { publicAction } from "@/lib/server/action-client";
import { ZSignUp } from "@/lib/users/schemas";
import { signUpPartner } from "@/lib/users/service";

/** Public by design: anyone may create a partner organisation (the input is fully validated). */
export const signUpAction = publicAction(ZSignUp, async ({ submitted, ip }) => {
  await signUpPartner(getDb(), submitted, { ip: await ip() });
  return { message: "Your account is ready." };
});
