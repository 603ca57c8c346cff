import { ZExpiryDate } from "../approvals/schemas";
import { z } from "zod";
import { checkPublicJwks, type PublicJwks } from "../provisioning/jwks-rules";
import { parseScopes } from "../scopes";
import {
  clientTypeProblem,
  jwksUrlProblem,
  MAX_REDIRECT_URIS,
  redirectUriProblem,
  splitUris,
  webUrlProblem,
} from "./rules";

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}: use at most ${max} characters.`)
    .nullish()
    .transform((s) => s || null);

/** An optional URL field: blank means none; otherwise it must pass `problem`. */
const optionalUrl = (label: string, problem: (value: string) => string | null) =>
  z
    .string()
    .trim()
    .max(2000, `${label} is too long.`)
    .nullish()
    .transform((s) => s || null)
    .superRefine((value, ctx) => {
      const issue = value ? problem(value) : null;
      if (issue) ctx.addIssue({ code: "custom", message: `${label} ${issue}.` });
    });

export const ZAppType = z.enum(["patient", "provider", "backend"], {
  error: "Choose what kind of app this is.",
});
export const ZClientType = z.enum(["public", "confidential", "backend"], {
  error: "Choose the client type.",
});

const ZRedirectUris = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? v.flatMap(splitUris) : splitUris(v ?? "")))
  .superRefine((uris, ctx) => {
    if (uris.length > MAX_REDIRECT_URIS)
      ctx.addIssue({
        code: "custom",
        message: `List at most ${MAX_REDIRECT_URIS} redirect URIs (you listed ${uris.length}).`,
      });
    const seen = new Set<string>();
    uris.forEach((uri, i) => {
      const issue = redirectUriProblem(uri);
      if (issue)
        ctx.addIssue({
          code: "custom",
          message: `Redirect URI ${i + 1} (${uri.slice(0, 80)}) ${issue}.`,
        });
      else if (seen.has(uri))
        ctx.addIssue({ code: "custom", message: `Redirect URI ${i + 1} is listed twice.` });
      seen.add(uri);
    });
  });

/**
 * A pasted JWK set (text or JSON): only public keys. Private material is refused here, before
 * anything is stored, and the message never repeats it.
 */
const ZPastedJwks = z
  .union([
    z.string().max(20_000, "The pasted JWKS is too long."),
    z.record(z.string(), z.unknown()),
  ])
  .nullish()
  .transform((value, ctx): PublicJwks | null => {
    if (value === null || value === undefined || (typeof value === "string" && !value.trim()))
      return null;
    let json: unknown = value;
    if (typeof value === "string") {
      try {
        json = JSON.parse(value);
      } catch {
        ctx.addIssue({ code: "custom", message: "The pasted JWKS is not valid JSON." });
        return z.NEVER;
      }
    }
    const checked = checkPublicJwks(json);
    if ("problem" in checked) {
      ctx.addIssue({ code: "custom", message: `The pasted JWKS ${checked.problem}.` });
      return z.NEVER;
    }
    return checked;
  });

/** Everything about an app except its scopes. */
export const ZAppDetails = z
  .object({
    name: z
      .string({ error: "Give the app a name." })
      .trim()
      .min(1, "Give the app a name.")
      .max(80, "Use at most 80 characters for the name."),
    description: optionalText(1000, "Description"),
    appType: ZAppType,
    clientType: ZClientType,
    launchModes: z
      .array(z.enum(["standalone", "ehr"]))
      .max(2)
      .default([])
      .transform((m) => [...new Set(m)]),
    redirectUris: ZRedirectUris,
    launchUrl: optionalUrl("The launch URL", webUrlProblem),
    homepageUrl: optionalUrl("The homepage", webUrlProblem),
    privacyPolicyUrl: optionalUrl("The privacy-policy URL", webUrlProblem),
    jwksUrl: optionalUrl("The JWKS URL", jwksUrlProblem),
    jwks: ZPastedJwks,
  })
  .superRefine((app, ctx) => {
    const add = (path: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], message });
    const isBackend = app.appType === "backend";
    const clientProblem = clientTypeProblem(app.appType, app.clientType);
    if (clientProblem) add("clientType", clientProblem);
    if (app.clientType === "backend" && !app.jwksUrl && !app.jwks)
      add(
        "jwksUrl",
        "A backend service needs a JWKS URL (https) where its public keys are published, or its public keys pasted as a JWKS.",
      );
    if (app.jwksUrl && app.jwks) add("jwks", "Give either a JWKS URL or a pasted JWKS, not both.");
    if (app.clientType !== "backend" && app.jwks)
      add("jwks", "Only backend services sign in with their own keys; clear the pasted JWKS.");
    if (isBackend) {
      if (app.redirectUris.length)
        add(
          "redirectUris",
          "A backend service signs in without a browser, so it has no redirect URIs.",
        );
      if (app.launchModes.length)
        add("launchModes", "A backend service is not launched by a user; clear the launch modes.");
    } else {
      if (app.redirectUris.length === 0) add("redirectUris", "List at least one redirect URI.");
      if (app.launchModes.length === 0) add("launchModes", "Choose how the app is launched.");
      if (app.launchModes.includes("ehr") && !app.launchUrl)
        add("launchUrl", "An app launched from the EHR or portal needs a launch URL.");
    }
  });
export type TAppDetails = z.output<typeof ZAppDetails>;

/** A scope set as the partner wrote it: syntax is checked here, policy in the service. */
export const ZScopeSet = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v.join(" ") : v))
  .pipe(z.string().max(16_000, "That scope list is too long."))
  .transform((text, ctx) => {
    const parsed = parseScopes(text);
    if (parsed.length === 0) {
      ctx.addIssue({ code: "custom", message: "Add at least one scope." });
      return z.NEVER;
    }
    if (parsed.length > 200) {
      ctx.addIssue({ code: "custom", message: "Request at most 200 scopes." });
      return z.NEVER;
    }
    for (const scope of parsed) {
      if (!scope.valid)
        ctx.addIssue({
          code: "custom",
          message: `${scope.input.slice(0, 120)}: ${scope.errors[0]?.message ?? "not a valid scope"}`,
        });
    }
    return parsed;
  });

export const ZJustification = optionalText(2000, "Justification");

export const ZRegisterApp = z.object({
  details: ZAppDetails,
  scopes: ZScopeSet,
  templateKey: z
    .string()
    .max(60)
    .nullish()
    .transform((s) => s || null),
  justification: ZJustification,
  /** The scopes should end no later than this (the policy may end them sooner). */
  expiresAt: ZExpiryDate,
});

export const ZScopeChange = z.object({
  appId: z.uuid("That app was not found."),
  scopes: ZScopeSet,
  justification: ZJustification,
  /** The added scopes should end no later than this (the policy may end them sooner). */
  expiresAt: ZExpiryDate,
});

export const ZAppId = z.object({ appId: z.uuid("That app was not found.") });
