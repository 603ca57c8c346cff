"use server";
import { getDb } from "@/lib/db";
import { publicAction } from "@/lib/server/action-client";
import { resetPassword } from "@/lib/users/password-reset";
import { ZResetPassword } from "@/lib/users/schemas";

/** Public: the token in the link is the credential (single use, 30 minutes). */
export const resetPasswordAction = publicAction(ZResetPassword, async ({ submitted, ip }) => {
  await resetPassword(getDb(), submitted, { ip: await ip() });
  return { message: "Your password is changed, and every session was signed out. Sign in again." };
});
