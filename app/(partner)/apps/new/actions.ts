"use server";
import { ZRegisterApp } from "@/lib/apps/schemas";
import { registerApp } from "@/lib/apps/service";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { outboundPolicyFromEnv } from "@/lib/net";
import { partnerAction } from "@/lib/server/action-client";

export const registerAppAction = partnerAction(
  ZRegisterApp,
  async ({ user, submitted, revalidate }) => {
    // A backend app's JWKS URL is fetched and its keys checked before anything is stored.
    const env = getEnv();
    const keyCheck =
      env.JWKS_URL_CHECK === "skip"
        ? undefined
        : { policy: outboundPolicyFromEnv(), isProduction: env.NODE_ENV === "production" };
    const result = await registerApp(getDb(), user, submitted, undefined, keyCheck);
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
