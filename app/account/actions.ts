"use server";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { userAction } from "@/lib/server/action-client";
import { changePassword } from "@/lib/users/account";
import { ZChangePassword } from "@/lib/users/schemas";
import { signOutEverywhere, signOutSession, ZSignOutSession } from "@/lib/users/sessions";

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
