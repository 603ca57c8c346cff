// The form posts of the sign-in, patient-picker and consent pages. The pages are Next.js pages at
// <issuer>/interaction/<uid> (the front server hands that GET to Next after checking the
// interaction cookie); their forms post here, inside the provider, which records the result and
// sends the browser back into the authorization flow.
import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import type { KoaContextWithOIDC } from "oidc-provider";
import { z } from "zod";
import type { Db } from "../database/client";
import { isAppError } from "../errors";
import { ipFromHeaders } from "../http/client-ip";
import { splitScopeString } from "../scopes";
import { findEndUserAccount, verifyEndUserCredentials } from "./accounts";
import { errorPage } from "./error-page";
import { saveLaunchContext } from "./records";
import { isServerScope } from "./scopes";

const FORM_LIMIT = 8 * 1024;
const ACTION = /^\/interaction\/([A-Za-z0-9_-]{1,64})\/(login|consent|abort)$/;
const ZLogin = z.object({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(200),
});
const ZConsent = z.object({ patient: z.string().min(1).max(100).optional() });

async function readForm(req: IncomingMessage): Promise<Record<string, string> | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > FORM_LIMIT) return null;
    chunks.push(chunk as Buffer);
  }
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
}

/** True when this browser holds the cookie of interaction `uid` (signed by the provider). */
export async function holdsInteraction(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  uid: string,
): Promise<boolean> {
  try {
    return (await provider.interactionDetails(req, res)).uid === uid;
  } catch {
    return false;
  }
}

type Options = { provider: Provider; db: Db; fhirBaseUrl: string; mountPath: string };

export function interactionRoutes({ provider, db, fhirBaseUrl, mountPath }: Options) {
  const pageOf = (uid: string, query: Record<string, string>) =>
    `${mountPath}/interaction/${uid}?${new URLSearchParams(query)}`;

  return async (ctx: KoaContextWithOIDC, next: () => Promise<unknown>) => {
    const match = ctx.method === "POST" ? ACTION.exec(ctx.path) : null;
    if (!match) return next();
    const [, uid, action] = match as unknown as [string, string, "login" | "consent" | "abort"];
    const seeOther = (location: string) => {
      ctx.redirect(location);
      ctx.status = 303;
    };
    const fail = (status: number, description: string) => {
      ctx.status = status;
      ctx.type = "html";
      ctx.body = errorPage({ error: "invalid_request", error_description: description });
    };
    ctx.set("Cache-Control", "no-store");
    let interaction;
    try {
      interaction = await provider.interactionDetails(ctx.req, ctx.res);
    } catch {
      return fail(400, "This sign-in has expired or was opened in another browser.");
    }
    if (interaction.uid !== uid) return fail(400, "This sign-in page belongs to another request.");
    const form = await readForm(ctx.req);
    if (!form) return fail(413, "The form is too large.");
    const finish = async (result: Parameters<Provider["interactionResult"]>[2], merge: boolean) =>
      seeOther(
        await provider.interactionResult(ctx.req, ctx.res, result, {
          mergeWithLastSubmission: merge,
        }),
      );

    if (action === "abort")
      return finish(
        { error: "access_denied", error_description: "The user did not authorize the app." },
        false,
      );

    if (action === "login") {
      if (interaction.prompt.name !== "login") return fail(400, "Sign-in is not expected here.");
      const input = ZLogin.safeParse(form);
      if (!input.success) return seeOther(pageOf(uid, { error: "missing" }));
      try {
        const account = await verifyEndUserCredentials(db, {
          ...input.data,
          ip: ipFromHeaders((name) => ctx.get(name)),
        });
        if (!account)
          return seeOther(pageOf(uid, { error: "credentials", username: input.data.username }));
        return finish({ login: { accountId: account.id } }, false);
      } catch (error) {
        if (isAppError(error) && error.code === "RATE_LIMITED")
          return seeOther(pageOf(uid, { error: "throttled" }));
        throw error;
      }
    }

    if (interaction.prompt.name !== "consent") return fail(400, "Consent is not expected here.");
    const account = await findEndUserAccount(db, interaction.session?.accountId ?? "");
    if (!account) return fail(400, "Sign in again: the account is no longer available.");
    const input = ZConsent.safeParse(form);
    const requested = splitScopeString(String(interaction.params.scope ?? ""));
    const patient = input.success ? input.data.patient : undefined;
    const needsPatient = requested.includes("launch/patient");
    if (needsPatient && !account.patients.some((p) => p.id === patient))
      return seeOther(pageOf(uid, { error: "patient" }));

    // A new grant per launch: the patient chosen now belongs to this authorization only.
    const grant = new provider.Grant({
      accountId: account.id,
      clientId: String(interaction.params.client_id),
    });
    const identity = requested.filter(isServerScope);
    const clinical = requested.filter((s) => !isServerScope(s));
    if (identity.length) grant.addOIDCScope(identity);
    const claims = interaction.prompt.details.missingOIDCClaims;
    if (Array.isArray(claims)) grant.addOIDCClaims(claims as string[]);
    if (clinical.length) grant.addResourceScope(fhirBaseUrl, clinical);
    const grantId = await grant.save();
    const expiresAt = new Date((grant.exp ?? Date.now() / 1000 + 86_400) * 1000);
    await saveLaunchContext(
      db,
      grantId,
      {
        ...(needsPatient ? { patient } : {}),
        fhirUser: `${fhirBaseUrl}/${account.fhirUser}`,
      },
      expiresAt,
    );
    return finish({ consent: { grantId } }, true);
  };
}
