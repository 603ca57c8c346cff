"use server";
import { getDb } from "@/lib/db";
import { publicAction } from "@/lib/server/action-client";
import { domainContext } from "@/lib/server/domain-context";
import { ZSignUp } from "@/lib/users/schemas";
import { SIGN_UP_ANSWER, signUpPartner } from "@/lib/users/service";

/**
 * Public by design: anyone may create a partner organisation (the input is fully validated). The
 * answer is the same whether or not the address already has an account.
 */
export const signUpAction = publicAction(ZSignUp, async ({ submitted, ip }) => {
  await signUpPartner(getDb(), submitted, { ip: await ip(), ...domainContext() });
  return { message: SIGN_UP_ANSWER };
});
