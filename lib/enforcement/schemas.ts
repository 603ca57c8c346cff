/** zod schemas of the enforcement API (requests, responses) and of the admin forms behind it. */
import { z } from "zod";
import { DECISION_CODES, MAX_ACCESS_TOKEN_CHARS } from "./access-token";

export const MAX_TOKEN_SCOPES_CHARS = 8000;

export const ZCreateApiKey = z.object({
  name: z
    .string({ error: "Name the key after the gateway that will use it." })
    .trim()
    .min(1, "Name the key after the gateway that will use it.")
    .max(100, "Use at most 100 characters."),
});

export const ZApiKeyId = z.object({ id: z.uuid("That key was not found.") });

/** OAuth client ids are printable ASCII (RFC 6749's VSCHAR); anything else names no client. */
const CLIENT_ID = /^[\x20-\x7e]{1,100}$/;
export const isClientIdLike = (value: string): boolean => CLIENT_ID.test(value);

export const ZClientId = z
  .string({ error: "clientId must be a string." })
  .min(1, "clientId is empty.")
  .max(100, "clientId is longer than 100 characters.")
  .regex(CLIENT_ID, "clientId must be printable ASCII characters.")
  .meta({
    description: "The app's OAuth client id (swc_…)",
    example: "swc_4f1c2a9b7d3e5f60a1b2c3d4",
  });

export const ZDecisionRequest = z
  .strictObject(
    {
      clientId: ZClientId.optional().meta({
        description:
          "The app's OAuth client id. Optional with accessToken (the token names its client); when both are sent they must agree.",
      }),
      accessToken: z
        .string({ error: "accessToken must be a string." })
        .min(1, "accessToken is empty.")
        .max(
          MAX_ACCESS_TOKEN_CHARS,
          `accessToken is longer than ${MAX_ACCESS_TOKEN_CHARS} characters.`,
        )
        .optional()
        .meta({
          description:
            "The access token itself (a JWT, or an opaque token the issuer introspects). It is verified here (issuer, audience, expiry, signature, client), its scopes must cover the request, and its patient limits patient/ scopes.",
          example: "eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCJ9...",
        }),
      tokenScopes: z
        .string({ error: "tokenScopes must be a string of space-separated scopes." })
        .max(
          MAX_TOKEN_SCOPES_CHARS,
          `tokenScopes is longer than ${MAX_TOKEN_SCOPES_CHARS} characters.`,
        )
        .optional()
        .meta({
          description:
            "For gateways that verify tokens themselves: the access token's scopes, space-separated. When given, they must cover the request too. Not with accessToken.",
          example: "launch/patient patient/Observation.rs openid fhirUser",
        }),
      request: z.strictObject(
        {
          method: z
            .string()
            .regex(/^[A-Za-z]{1,16}$/, "request.method must be an HTTP method such as GET.")
            .meta({ example: "GET" }),
          path: z
            .string()
            .min(1, "request.path is empty.")
            .max(4096, "request.path is longer than 4096 characters.")
            .meta({
              description: "Path relative to the FHIR base URL (a query after ? is accepted too).",
              example: "/Observation",
            }),
          query: z
            .string()
            .max(8192, "request.query is longer than 8192 characters.")
            .optional()
            .meta({
              description: "The raw query string, without or with the leading ?",
              example: "patient=123&category=vital-signs",
            }),
        },
        {
          error: (issue) =>
            issue.code === "unrecognized_keys"
              ? `Unknown field(s) in request: ${issue.keys.join(", ")}. Allowed: method, path, query.`
              : 'request must be an object like {"method": "GET", "path": "/Observation/1"}.',
        },
      ),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `Unknown field(s): ${issue.keys.join(", ")}. Allowed: clientId, accessToken, tokenScopes, request.`
          : "The body must be a JSON object.",
    },
  )
  .check((ctx) => {
    const body = ctx.value;
    if (body.accessToken === undefined && body.clientId === undefined)
      ctx.issues.push({
        code: "custom",
        input: body,
        path: ["clientId"],
        message: "Send clientId (with tokenScopes or alone) or accessToken.",
      });
    if (body.accessToken !== undefined && body.tokenScopes !== undefined)
      ctx.issues.push({
        code: "custom",
        input: body,
        path: ["tokenScopes"],
        message:
          "Send accessToken or tokenScopes, not both: a verified token's scopes are its own.",
      });
  })
  .meta({ id: "DecisionRequest" });
export type TDecisionRequest = z.infer<typeof ZDecisionRequest>;

export const ZDecision = z
  .strictObject({
    allow: z.boolean(),
    reason: z.string().meta({
      description: "Why, in one sentence; it never lists the client's grants.",
      example: "Allowed: search of Observation in patient context.",
    }),
    required: z.string().nullable().meta({
      description:
        "The scope the request needs (space-separated for a multi-type $export); null when the request was not recognised.",
      example: "patient/Observation.s",
    }),
    matchedScope: z.string().nullable().meta({
      description:
        "The granted scope that allowed it (space-separated when several did); null when denied.",
      example: "patient/Observation.rs",
    }),
    code: z.enum(DECISION_CODES).optional().meta({
      description:
        "On denials a program should tell apart: why the access token was refused (token_expired, token_wrong_audience, ...), or patient_mismatch when a patient/ token asks outside its patient's compartment.",
      example: "token_expired",
    }),
  })
  .meta({ id: "Decision" });

export const ZGrantDates = z
  .strictObject({
    scope: z.string(),
    expiresAt: z.iso.datetime().nullable().meta({
      description:
        "When the grant ends by itself (it is then revoked with reason expired); null: never.",
    }),
    lastUsedAt: z.iso.datetime().nullable().meta({
      description:
        "The last allowed decision that matched this grant; null: none within 13 months.",
    }),
  })
  .meta({ id: "GrantDates" });

export const ZClientGrants = z
  .strictObject({
    clientId: z.string(),
    appStatus: z
      .enum(["active", "suspended"])
      .meta({ description: "suspended when the app or its partner organisation is suspended." }),
    partnerStatus: z.enum(["active", "suspended"]),
    scopes: z.array(z.string()).meta({
      description: "Live grants in canonical SMART v2 form; empty while suspended.",
      example: ["launch/patient", "openid", "patient/Observation.rs"],
    }),
    grants: z.array(ZGrantDates).meta({
      description:
        "Each live grant with its expiry and last use (empty while suspended). lastUsedAt comes from the usage evidence, written in batches: it may lag by the flush interval, and a 304 does not say it moved.",
    }),
    version: z
      .number()
      .int()
      .meta({ description: "Moves on every change to the grants or status; also the ETag." }),
  })
  .meta({ id: "ClientGrants" });

export const ZExportFormat = z.enum(["generic", "keycloak"]).default("generic");

const ZExportClient = z
  .strictObject({
    clientId: z.string(),
    appName: z.string(),
    organization: z.string(),
    appStatus: z.enum(["active", "suspended"]),
    scopes: z.array(z.string()).meta({
      description: "Live approved scopes in canonical SMART v2 form; empty while suspended.",
      example: ["openid", "patient/Observation.rs"],
    }),
    grants: z.array(ZGrantDates).meta({
      description: "Each live grant with its expiry and last use; empty while suspended.",
    }),
  })
  .meta({ id: "ExportClient" });

export const ZGenericExport = z
  .strictObject({
    format: z.literal("scopewarden.generic/v1"),
    generatedAt: z.iso.datetime(),
    clients: z.array(ZExportClient),
  })
  .meta({
    id: "GenericExport",
    description:
      "Every client's approved scopes. Upload it (or an edited copy) to the drift check.",
  });

export const ZKeycloakExport = z
  .strictObject({
    clients: z.array(
      z.strictObject({
        clientId: z.string(),
        name: z.string(),
        enabled: z.boolean(),
        defaultClientScopes: z
          .array(z.string())
          .meta({ description: "openid and fhirUser when approved." }),
        optionalClientScopes: z
          .array(z.string())
          .meta({ description: "Every other approved scope: SMART apps request them at launch." }),
      }),
    ),
    clientScopes: z.array(
      z.strictObject({
        name: z.string(),
        protocol: z.literal("openid-connect"),
        attributes: z.record(z.string(), z.string()),
      }),
    ),
  })
  .meta({
    id: "KeycloakExport",
    description:
      "Keycloak RealmRepresentation fields (clients, clientScopes), usable as a partial realm import.",
  });

/** The headers nginx's auth_request subrequest carries (see docs/nginx/scopewarden.conf). */
export const ZNginxDecisionHeaders = z.object({
  "x-client-id": ZClientId.optional().meta({
    description:
      "The token's client id (e.g. from introspection or the JWT's client_id / azp). Optional with X-Original-Authorization.",
  }),
  "x-original-authorization": z
    .string()
    .max(MAX_ACCESS_TOKEN_CHARS + 7)
    .optional()
    .meta({
      description:
        "The client's Authorization header (Bearer <access token>), forwarded as it came: the token is verified here and the decision is made on its client, scopes and patient.",
      example: "Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCJ9...",
    }),
  "x-original-method": z
    .string()
    .optional()
    .meta({ description: "The original request's method; GET when absent.", example: "GET" }),
  "x-original-uri": z.string().max(8192).meta({
    description: "The original request's URI, path and query.",
    example: "/fhir/Observation?patient=123",
  }),
  "x-token-scopes": z.string().max(MAX_TOKEN_SCOPES_CHARS).optional().meta({
    description:
      "The access token's scopes, space-separated; when sent they must cover the request too.",
    example: "patient/Observation.rs",
  }),
  "x-fhir-base": z.string().optional().meta({
    description: "The FHIR base path the gateway serves, stripped from X-Original-URI.",
    example: "/fhir",
  }),
});
