"use server";
import { getDb } from "@/lib/db";
import { publicAction } from "@/lib/server/action-client";
import { verifyEmail, ZEmailToken } from "@/lib/users/verification";

/** Public: the token in the link is the credential (single use, 24 hours). */
export const verifyEmailAction = publicAction(ZEmailToken, async ({ submitted, ip }) => {
  await verifyEmail(getDb(), submitted, { ip: await ip() });
  return { message: "Your address is confirmed. You can register apps now." };
});
