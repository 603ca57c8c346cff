"use server";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { userAction } from "@/lib/server/action-client";
import { changePassword } from "@/lib/users/account";
import { ZChangePassword } from "@/lib/users/schemas";
import { signOutEverywhere, signOutSession, ZSignOutSession } from "@/lib/users/sessions";
import { resendVerification } from "@/lib/users/verification";
import { domainContext } from "@/lib/server/domain-context";

export const signOutSessionAction = userAction(
  ZSignOutSession,
  async ({ user, submitted, revalidate }) => {
    await signOutSession(getDb(), user, submitted);
    revalidate("/account");
    return { message: "That device is signed out." };
  },
);

export const signOutEverywhereAction = userAction(z.void(), async ({ user }) => {
  const count = await signOutEverywhere(getDb(), user);
  return { message: `Signed out of ${count} session${count === 1 ? "" : "s"}.` };
});

export const changePasswordAction = userAction(
  ZChangePassword,
  async ({ user, submitted, ip, revalidate }) => {
    const { endedSessions } = await changePassword(getDb(), user, submitted, {
      sessionId: user.sessionId,
      ip: await ip(),
    });
    revalidate("/account");
    return {
      message:
        endedSessions > 0
          ? `Password changed. ${endedSessions} other session${endedSessions === 1 ? " was" : "s were"} signed out.`
          : "Password changed.",
    };
  },
);

export const resendVerificationAction = userAction(z.void(), async ({ user }) => {
  await resendVerification(getDb(), user, domainContext());
  return { message: `A new link is on its way to ${user.email}.` };
});
