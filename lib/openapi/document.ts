/**
 * The OpenAPI 3.1 description of /api/v1, built from the zod schemas the routes validate with, so
 * the document cannot drift from the code. Every app/api/v1 route must be registered here
 * (lib/openapi/document.test.ts walks the route files and fails when one is missing).
 */
import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type RouteConfig,
} from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import {
  ZClientGrants,
  ZClientId,
  ZDecision,
  ZDecisionRequest,
  ZGenericExport,
  ZKeycloakExport,
  ZNginxDecisionHeaders,
} from "../enforcement/schemas";
import type { ErrorCode } from "../errors";
import { errorBodySchema, ZApiError } from "../http/result";
import { ZAnalyzeRequest, ZAnalyzeResponse } from "../scopes/schemas";

export const API_TAGS = [
  {
    name: "Enforcement",
    description:
      "For API gateways and authorization servers: a client's grants and per-request decisions. Needs a gateway API key (created by an admin on /admin/gateways).",
  },
  {
    name: "Export",
    description:
      "Every client's approved scopes, to load into an authorization server or compare with it. Needs a gateway API key.",
  },
  {
    name: "Scopes",
    description:
      "Public and stateless: analyse a SMART scope set (validity, meaning, risk, lints).",
  },
  { name: "Meta", description: "This document." },
] as const;

const json = <T extends z.ZodType>(schema: T) => ({ "application/json": { schema } });
/** An error answer and the codes (lib/errors.ts) it can carry; a test checks each code's status. */
const error = (description: string, ...codes: [ErrorCode, ...ErrorCode[]]) => ({
  description: `${description} Code: ${codes.join(" or ")}.`,
  content: json(errorBodySchema(codes)),
});
const unauthorized = error(
  "Missing, unknown or revoked API key. Nothing else is said.",
  "UNAUTHORIZED",
);
const badQuery = error("The query string holds a NUL byte or a broken character.", "INVALID_INPUT");
const internal = error("Unexpected: retry, and treat it as a denial meanwhile.", "INTERNAL");
const timeout = error("The body did not arrive within 10 seconds.", "REQUEST_TIMEOUT");
const notJson = error("The body is not sent as application/json.", "UNSUPPORTED_MEDIA_TYPE");
const SERVER = "https://portal.example.com";
const KEY = "$SCOPEWARDEN_KEY";

type Route = RouteConfig & { tags: [(typeof API_TAGS)[number]["name"]]; "x-curl": string };

export const API_ROUTES: Route[] = [
  {
    method: "get",
    path: "/api/v1/clients/{clientId}/grants",
    operationId: "getClientGrants",
    tags: ["Enforcement"],
    summary: "A client's live grants",
    description:
      "The scopes the client may use now, canonical SMART v2. Send If-None-Match with the last ETag to get 304 while nothing changed.",
    security: [{ apiKey: [] }],
    request: {
      params: z.object({ clientId: ZClientId }),
      headers: z.object({
        "if-none-match": z
          .string()
          .optional()
          .meta({ description: "The ETag of a previous answer." }),
      }),
    },
    responses: {
      200: {
        description: "The grants.",
        content: json(ZClientGrants),
        headers: z.object({ ETag: z.string().meta({ example: '"7"' }) }),
      },
      304: { description: "Unchanged since the ETag sent." },
      400: badQuery,
      401: unauthorized,
      404: error("No app has this client id (or the id is malformed).", "NOT_FOUND"),
      500: internal,
    },
    "x-curl": `curl -s -H "Authorization: Bearer ${KEY}" ${SERVER}/api/v1/clients/swc_4f1c2a9b7d3e5f60a1b2c3d4/grants`,
  },
  {
    method: "post",
    path: "/api/v1/decisions",
    operationId: "decide",
    tags: ["Enforcement"],
    summary: "May this client make this FHIR request?",
    description:
      "Maps the FHIR REST interaction to the scope it needs and checks it against the client's live grants. Send the access token itself (accessToken: a JWT verified against the issuer's keys, or an opaque token the issuer introspects) and the token's own scopes and patient count too: a token issued before a revocation is denied at once, and a refused token (expired, malformed, wrong issuer or audience) is a denial with a code. Gateways that verify tokens themselves send clientId and tokenScopes instead. Anything not recognised is denied. The reason never lists the client's grants.",
    security: [{ apiKey: [] }],
    request: { body: { required: true, content: json(ZDecisionRequest) } },
    responses: {
      200: { description: "The decision (allow true or false).", content: json(ZDecision) },
      400: error(
        "The body is not JSON or does not match the schema; the message says what to fix.",
        "INVALID_INPUT",
      ),
      401: unauthorized,
      404: error("No app has this client id (clientId without accessToken).", "NOT_FOUND"),
      408: timeout,
      413: error("The body is larger than 16 KB.", "PAYLOAD_TOO_LARGE"),
      415: notJson,
      500: internal,
    },
    "x-curl": `curl -s -X POST -H "Authorization: Bearer ${KEY}" -H "Content-Type: application/json" \\\n  -d '{"clientId":"swc_4f1c2a9b7d3e5f60a1b2c3d4","tokenScopes":"patient/Observation.rs","request":{"method":"GET","path":"/Observation","query":"patient=123"}}' \\\n  ${SERVER}/api/v1/decisions\n\n# with the access token itself\ncurl -s -X POST -H "Authorization: Bearer ${KEY}" -H "Content-Type: application/json" \\\n  -d '{"accessToken":"'"$ACCESS_TOKEN"'","request":{"method":"GET","path":"/Observation","query":"patient=123"}}' \\\n  ${SERVER}/api/v1/decisions`,
  },
  {
    method: "get",
    path: "/api/v1/decisions/nginx",
    operationId: "decideForNginx",
    tags: ["Enforcement"],
    summary: "The same decision for nginx auth_request",
    description:
      'nginx\'s auth_request sends a bodiless subrequest and understands only 2xx, 401 and 403: the request comes in headers; the answer is 204 (allow), 403 (deny, with X-Decision-Reason) or, when the forwarded access token is refused, 401 with WWW-Authenticate: Bearer error="invalid_token" (nginx passes it on to the client). See docs/nginx/scopewarden.conf.',
    security: [{ apiKey: [] }],
    request: { headers: ZNginxDecisionHeaders },
    responses: {
      204: {
        description: "Allowed.",
        headers: z.object({
          "X-Decision-Reason": z.string(),
          "X-Decision-Matched-Scope": z.string().optional(),
        }),
      },
      400: badQuery,
      401: {
        description:
          "The gateway's API key is missing or wrong (a JSON error), or the forwarded access token is refused (no body; X-Decision-Code and WWW-Authenticate say why).",
        headers: z.object({
          "WWW-Authenticate": z.string(),
          "X-Decision-Reason": z.string().optional(),
          "X-Decision-Code": z.string().optional(),
        }),
        content: json(errorBodySchema(["UNAUTHORIZED"])),
      },
      403: {
        description: "Denied, or the headers are missing; X-Decision-Reason says why.",
        headers: z.object({
          "X-Decision-Reason": z.string(),
          "X-Decision-Required": z.string().optional(),
          "X-Decision-Code": z.string().optional().meta({
            description: "patient_mismatch, token_client_mismatch or token_unknown_client.",
          }),
        }),
      },
      500: internal,
    },
    "x-curl": `curl -si -H "Authorization: Bearer ${KEY}" -H "X-Original-Authorization: Bearer $ACCESS_TOKEN" \\\n  -H "X-Original-Method: GET" -H "X-Original-URI: /fhir/Observation?patient=123" -H "X-FHIR-Base: /fhir" \\\n  ${SERVER}/api/v1/decisions/nginx`,
  },
  {
    method: "get",
    path: "/api/v1/export",
    operationId: "exportApprovedScopes",
    tags: ["Export"],
    summary: "Every client's approved scopes",
    description:
      "The generic form lists each client with its live scopes; the Keycloak form gives clients with defaultClientScopes / optionalClientScopes and the client scopes to create. Each call is audited.",
    security: [{ apiKey: [] }],
    request: {
      query: z.object({
        format: z
          .enum(["generic", "keycloak"])
          .optional()
          .meta({ description: "generic when absent." }),
      }),
    },
    responses: {
      200: {
        description: "The export.",
        content: json(z.union([ZGenericExport, ZKeycloakExport])),
      },
      400: error("format is neither generic nor keycloak.", "INVALID_INPUT"),
      401: unauthorized,
      500: internal,
    },
    "x-curl": `curl -s -H "Authorization: Bearer ${KEY}" "${SERVER}/api/v1/export?format=keycloak"`,
  },
  {
    method: "post",
    path: "/api/v1/scopes/analyze",
    operationId: "analyzeScopes",
    tags: ["Scopes"],
    summary: "Analyse a SMART scope set",
    description:
      "Public and stateless: parses each scope, explains it, grades its risk, says whether the default policy needs an approver, and lints the set. Limited to 120 calls a minute per client address (429 with Retry-After beyond).",
    request: {
      body: { required: true, content: json(ZAnalyzeRequest.meta({ id: "AnalyzeRequest" })) },
    },
    responses: {
      200: {
        description: "The analysis.",
        content: json(ZAnalyzeResponse.meta({ id: "AnalyzeResponse" })),
      },
      400: error("The body is not JSON or does not match the schema.", "INVALID_INPUT"),
      408: timeout,
      413: error(
        "The body is larger than 16 KB, or lists more than 200 scopes.",
        "PAYLOAD_TOO_LARGE",
        "TOO_MANY_SCOPES",
      ),
      415: notJson,
      429: error("Too many calls from this address; wait Retry-After seconds.", "RATE_LIMITED"),
      500: internal,
    },
    "x-curl": `curl -s -X POST -H "Content-Type: application/json" -d '{"scopes":"patient/Observation.read openid fhirUser","clientType":"public"}' ${SERVER}/api/v1/scopes/analyze`,
  },
  {
    method: "get",
    path: "/api/v1/openapi.json",
    operationId: "getOpenApiDocument",
    tags: ["Meta"],
    summary: "This OpenAPI 3.1 document",
    description: "Public. Rendered for people at /docs/api.",
    responses: {
      200: {
        description: "The document.",
        content: { "application/json": { schema: z.record(z.string(), z.unknown()) } },
      },
    },
    "x-curl": `curl -s ${SERVER}/api/v1/openapi.json`,
  },
];

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31["generateDocument"]>;

export function buildOpenApiDocument(serverUrl?: string): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "swk_<prefix>_<secret>",
    description:
      "A gateway API key from /admin/gateways, sent as Authorization: Bearer <key>. Unknown or revoked keys get 401.",
  });
  // The whole vocabulary once; each response narrows `code` to what that operation can answer.
  const { $schema: _dialect, ...errorSchema } = z.toJSONSchema(ZApiError);
  registry.registerComponent("schemas", "Error", errorSchema as never);
  for (const route of API_ROUTES) registry.registerPath(route);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Scopewarden API",
      version: "1.0.0",
      description:
        "Enforcement API for gateways and authorization servers, and the public SMART scope analyser. Guide: docs/enforcement.md.",
    },
    servers: serverUrl ? [{ url: serverUrl }] : undefined,
    tags: API_TAGS.map((t) => ({ ...t })),
  });
}
