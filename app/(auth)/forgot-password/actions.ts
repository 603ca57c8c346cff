"use server";
import { getDb } from "@/lib/db";
import { publicAction } from "@/lib/server/action-client";
import { domainContext } from "@/lib/server/domain-context";
import { RESET_REQUESTED_ANSWER, requestPasswordReset } from "@/lib/users/password-reset";
import { ZForgotPassword } from "@/lib/users/schemas";

/** Public: the same answer for any address. */
export const requestPasswordResetAction = publicAction(
  ZForgotPassword,
  async ({ submitted, ip }) => {
    await requestPasswordReset(getDb(), submitted, { ip: await ip(), ...domainContext() });
    return { message: RESET_REQUESTED_ANSWER };
  },
);
