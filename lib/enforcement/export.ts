/**
 * Approved scopes out (a generic JSON form and a Keycloak form), an authorization server's client
 * configuration in, and the drift between the two. Pure: callers bring the rows and the upload.
 *
 * Keycloak form: follows Keycloak's RealmRepresentation (`clients`, `clientScopes`) and
 * ClientRepresentation (`clientId`, `defaultClientScopes`, `optionalClientScopes`), so the file can
 * be used as a partial realm import and a realm export can be uploaded back for drift. SMART apps
 * ask for the scopes they need at launch, so every approved scope is optional; only the identity
 * scopes `openid` and `fhirUser` are default (they carry no clinical data).
 */
import { z } from "zod";
import { canonicalScope, covers, parseScope } from "../scopes";

export type ExportClient = {
  clientId: string;
  appName: string;
  organization: string;
  appStatus: "active" | "suspended";
  /** Live approved grants in canonical v2 form; empty while the app or its partner is suspended. */
  scopes: string[];
  /** The same grants with their expiry and last use (ISO instants, null: never / not within 13 months). */
  grants: { scope: string; expiresAt: string | null; lastUsedAt: string | null }[];
};

export type GenericExport = {
  format: "scopewarden.generic/v1";
  generatedAt: string;
  clients: ExportClient[];
};

export type KeycloakExport = {
  clients: {
    clientId: string;
    name: string;
    enabled: boolean;
    defaultClientScopes: string[];
    optionalClientScopes: string[];
  }[];
  clientScopes: { name: string; protocol: "openid-connect"; attributes: Record<string, string> }[];
};

/** What the queries give: one row per app (see loadAllClientGrants). */
export type ApprovedClient = {
  clientId: string;
  appName: string;
  organizationName: string;
  isLive: boolean;
  scopes: readonly string[];
  grants?: readonly { scope: string; expiresAt: Date | null; lastUsedAt: Date | null }[];
};

const DEFAULT_SCOPES = new Set(["openid", "fhirUser"]);

function toExportClient(row: ApprovedClient): ExportClient {
  const scopes = row.isLive
    ? [...new Set(row.scopes.map((s) => canonicalScope(s) ?? s))].sort()
    : [];
  return {
    clientId: row.clientId,
    appName: row.appName,
    organization: row.organizationName,
    appStatus: row.isLive ? "active" : "suspended",
    scopes,
    grants: row.isLive
      ? (row.grants ?? []).map((g) => ({
          scope: g.scope,
          expiresAt: g.expiresAt?.toISOString() ?? null,
          lastUsedAt: g.lastUsedAt?.toISOString() ?? null,
        }))
      : [],
  };
}

export function buildGenericExport(rows: readonly ApprovedClient[], now: Date): GenericExport {
  return {
    format: "scopewarden.generic/v1",
    generatedAt: now.toISOString(),
    clients: rows.map(toExportClient),
  };
}

export function buildKeycloakExport(rows: readonly ApprovedClient[]): KeycloakExport {
  const clients = rows.map(toExportClient);
  const names = new Set(clients.flatMap((c) => c.scopes));
  return {
    clients: clients.map((c) => ({
      clientId: c.clientId,
      name: c.appName,
      enabled: c.appStatus === "active",
      defaultClientScopes: c.scopes.filter((s) => DEFAULT_SCOPES.has(s)),
      optionalClientScopes: c.scopes.filter((s) => !DEFAULT_SCOPES.has(s)),
    })),
    clientScopes: [...names].sort().map((name) => ({
      name,
      protocol: "openid-connect",
      attributes: { "include.in.token.scope": "true" },
    })),
  };
}

// ---- Upload --------------------------------------------------------------------------------

const ZScopeName = z
  .string({ error: "Each scope must be a string." })
  .trim()
  .min(1, "A scope is empty.")
  .max(500, "A scope is longer than 500 characters.");

const ZGenericUpload = z.object({
  clients: z
    .array(
      z.looseObject({
        clientId: z
          .string({ error: "Each client needs a clientId string." })
          .min(1, "A clientId is empty.")
          .max(255),
        scopes: z
          .array(ZScopeName, { error: "scopes must be a list of strings." })
          .max(1000, "A client lists more than 1000 scopes."),
      }),
      { error: "clients must be a list." },
    )
    .max(10_000, "The file lists more than 10 000 clients."),
});

const ZKeycloakUpload = z.object({
  clients: z
    .array(
      z.looseObject({
        clientId: z
          .string({ error: "Each client needs a clientId string." })
          .min(1, "A clientId is empty.")
          .max(255),
        defaultClientScopes: z
          .array(ZScopeName, { error: "defaultClientScopes must be a list of strings." })
          .max(1000)
          .optional(),
        optionalClientScopes: z
          .array(ZScopeName, { error: "optionalClientScopes must be a list of strings." })
          .max(1000)
          .optional(),
      }),
      { error: "clients must be a list." },
    )
    .max(10_000, "The file lists more than 10 000 clients."),
});

export type UpstreamClient = { clientId: string; scopes: string[] };
export type UpstreamConfig = { format: "generic" | "keycloak"; clients: UpstreamClient[] };

export type ParseUploadResult = { ok: true; config: UpstreamConfig } | { ok: false; error: string };

const issueText = (error: z.ZodError) => {
  const issue = error.issues[0]!;
  const where = issue.path.length ? ` (at ${issue.path.join(".")})` : "";
  return `${issue.message}${where}`;
};

/**
 * Either format, told apart by the client entries: `scopes` means generic; `defaultClientScopes` or
 * `optionalClientScopes` mean Keycloak (a whole realm export works: other fields are ignored).
 */
export function parseUpstreamConfig(text: string): ParseUploadResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: "The file is not valid JSON." };
  }
  if (
    typeof json !== "object" ||
    json === null ||
    Array.isArray(json) ||
    !Array.isArray((json as { clients?: unknown }).clients)
  ) {
    return {
      ok: false,
      error:
        'Expected a JSON object with a "clients" list (the generic export or a Keycloak realm export).',
    };
  }
  const clients = (json as { clients: unknown[] }).clients;
  const isKeycloak = clients.some(
    (c) =>
      typeof c === "object" &&
      c !== null &&
      ("defaultClientScopes" in c || "optionalClientScopes" in c),
  );
  if (isKeycloak) {
    const parsed = ZKeycloakUpload.safeParse(json);
    if (!parsed.success) return { ok: false, error: `Keycloak file: ${issueText(parsed.error)}` };
    return {
      ok: true,
      config: {
        format: "keycloak",
        clients: parsed.data.clients.map((c) => ({
          clientId: c.clientId,
          scopes: [...(c.defaultClientScopes ?? []), ...(c.optionalClientScopes ?? [])],
        })),
      },
    };
  }
  const parsed = ZGenericUpload.safeParse(json);
  if (!parsed.success) return { ok: false, error: `Generic file: ${issueText(parsed.error)}` };
  return {
    ok: true,
    config: {
      format: "generic",
      clients: parsed.data.clients.map((c) => ({ clientId: c.clientId, scopes: c.scopes })),
    },
  };
}

// ---- Drift ---------------------------------------------------------------------------------

/** Keycloak's own clients and client scopes: present in every realm, never SMART grants. */
const KEYCLOAK_BUILTIN_CLIENTS = new Set([
  "account",
  "account-console",
  "admin-cli",
  "broker",
  "realm-management",
  "security-admin-console",
]);
const KEYCLOAK_BUILTIN_SCOPES = new Set([
  "email",
  "roles",
  "web-origins",
  "acr",
  "basic",
  "address",
  "phone",
  "microprofile-jwt",
  "organization",
  "role_list",
  "saml_organization",
]);

export type ClientDrift = {
  clientId: string;
  appName: string;
  appStatus: "active" | "suspended";
  /** Allowed upstream, but no live approved grant here covers it. */
  unapproved: string[];
  /** Approved and live here, but nothing upstream covers it. */
  missing: string[];
  /** Upstream names that are the authorization server's own, not SMART scopes. */
  ignored: string[];
};

export type DriftReport = {
  format: "generic" | "keycloak";
  clients: ClientDrift[];
  /** Client ids upstream that no app here has. */
  unknownClients: string[];
  /** Apps with live grants that the upstream configuration does not list. */
  absentUpstream: { clientId: string; appName: string; scopes: string[] }[];
  /** Clients compared with no drift. */
  inSyncCount: number;
};

export function computeDrift(
  approved: readonly ApprovedClient[],
  upstream: UpstreamConfig,
): DriftReport {
  const here = new Map(approved.map((row) => [row.clientId, toExportClient(row)]));
  const seen = new Set<string>();
  const clients: ClientDrift[] = [];
  const unknownClients: string[] = [];
  let inSyncCount = 0;
  for (const entry of upstream.clients) {
    if (seen.has(entry.clientId)) continue;
    seen.add(entry.clientId);
    const client = here.get(entry.clientId);
    if (!client) {
      if (upstream.format !== "keycloak" || !KEYCLOAK_BUILTIN_CLIENTS.has(entry.clientId))
        unknownClients.push(entry.clientId);
      continue;
    }
    const drift = clientDrift(client, entry.scopes, upstream.format);
    if (drift.unapproved.length === 0 && drift.missing.length === 0) inSyncCount++;
    else clients.push(drift);
  }
  const absentUpstream = [...here.values()]
    .filter((c) => !seen.has(c.clientId) && c.scopes.length > 0)
    .map((c) => ({ clientId: c.clientId, appName: c.appName, scopes: c.scopes }));
  return {
    format: upstream.format,
    clients,
    unknownClients: unknownClients.sort(),
    absentUpstream,
    inSyncCount,
  };
}

function clientDrift(
  client: ExportClient,
  upstreamScopes: readonly string[],
  format: UpstreamConfig["format"],
): ClientDrift {
  const ignored: string[] = [];
  const smart: string[] = [];
  for (const name of new Set(upstreamScopes)) {
    if (format === "keycloak" && KEYCLOAK_BUILTIN_SCOPES.has(name)) ignored.push(name);
    else smart.push(name);
  }
  // By meaning: `patient/Observation.read` upstream is the approved `patient/Observation.rs`, and a
  // narrower upstream scope is covered by a broader approval; an invalid upstream name never is.
  const unapproved = smart
    .filter((scope) => !covers(client.scopes, scope))
    .map((scope) => displayScope(scope));
  const validUpstream = smart.filter((scope) => parseScope(scope).valid);
  const missing = client.scopes.filter((scope) => !covers(validUpstream, scope));
  return {
    clientId: client.clientId,
    appName: client.appName,
    appStatus: client.appStatus,
    unapproved: unapproved.sort(),
    missing,
    ignored: ignored.sort(),
  };
}

const displayScope = (scope: string) =>
  parseScope(scope).valid ? scope : `${scope} (not a valid SMART scope)`;
