"use server";
import { ZRegisterApp } from "@/lib/apps/schemas";
import { registerApp } from "@/lib/apps/service";
import { getDb } from "@/lib/db";
import { partnerAction } from "@/lib/server/action-client";

export const registerAppAction = partnerAction(
  ZRegisterApp,
  async ({ user, submitted, revalidate }) => {
    const result = await registerApp(getDb(), user, submitted);
    revalidate("/apps");
    return {
      message: "App registered.",
      data: {
        appId: result.appId,
        clientId: result.clientId,
        clientSecret: result.clientSecret,
        granted: result.scopes.filter((s) => s.state === "granted").length,
        pending: result.scopes.filter((s) => s.state === "pending").length,
      },
    };
  },
);
