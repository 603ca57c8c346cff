"use server";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { markAllRead } from "@/lib/notifications/service";
import { userAction } from "@/lib/server/action-client";

export const markAllReadAction = userAction(z.void(), async ({ user, revalidate }) => {
  const count = await markAllRead(getDb(), user.id);
  revalidate("/", "layout");
  return { message: `${count} marked as read.` };
});
