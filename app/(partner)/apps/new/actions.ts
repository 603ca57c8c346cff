"use server";
import { revalidatePath } from "next/cache";
import { registerApp } from "@/lib/apps/service";
import { requireUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { runAction, type ActionState } from "@/lib/server/action";

/** The form sends a plain object (details, scopes, template, justification); the domain validates it. */
export async function registerAppAction(payload: unknown): Promise<ActionState> {
  return runAction(undefined, async () => {
    const partner = await requireUser(["partner"]);
    const result = await registerApp(getDb(), partner, payload);
    revalidatePath("/apps");
    return {
      status: "success",
      message: "App registered.",
      data: {
        appId: result.appId,
        clientId: result.clientId,
        clientSecret: result.clientSecret,
        granted: result.scopes.filter((s) => s.state === "granted").length,
        pending: result.scopes.filter((s) => s.state === "pending").length,
      },
    };
  });
}
