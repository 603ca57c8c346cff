"use server";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { markAllRead } from "@/lib/notifications/service";
import { runAction, type ActionState } from "@/lib/server/action";

export async function markAllReadAction(): Promise<ActionState> {
  return runAction(undefined, async () => {
    const user = await requireUser(["partner", "admin", "reviewer"]);
    const count = await markAllRead(getDb(), user.id);
    revalidatePath("/", "layout");
    return { status: "success", message: `${count} marked as read.` };
  });
}
