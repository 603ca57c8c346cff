"use server";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { markAllRead } from "@/lib/notifications/service";
import { adminAction, userAction } from "@/lib/server/action-client";
import { setDigestFrequency, ZDigestPreference } from "@/lib/users/digest-preference";

export const markAllReadAction = userAction(z.void(), async ({ user, revalidate }) => {
  const count = await markAllRead(getDb(), user.id);
  revalidate("/", "layout");
  return { message: `${count} marked as read.` };
});

export const setDigestAction = adminAction(
  ZDigestPreference,
  async ({ user, input, revalidate }) => {
    const frequency = await setDigestFrequency(getDb(), user, input);
    revalidate("/notifications");
    return {
      message:
        frequency === "off"
          ? "No e-mail digests: notifications stay in the portal."
          : frequency === "daily"
            ? "You will get at most one digest a day."
            : "Each new notification is e-mailed within a few minutes.",
    };
  },
);
