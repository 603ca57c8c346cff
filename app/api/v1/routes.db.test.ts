// The /api/v1 route handlers themselves (as Next.js calls them), against a test database: the
// bad-input rules hold on every route — 401 and nothing else for a bad key, 400 with a message,
// 404 for an unknown client, 413 over the size limit — and exports are audited.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKeyRow, createApp } from "@/prisma/factories";
import { startEnforcementApi, type EnforcementApi } from "@/lib/enforcement/http";
import { ZGenericExport, ZKeycloakExport } from "@/lib/enforcement/schemas";
import { setupTestDb } from "@/lib/testing/setup-test-db";

vi.mock("server-only", () => ({}));

const t = setupTestDb();
let api: EnforcementApi;
let key: string;
let revokedKey: string;
let app: { clientId: string };
let other: { clientId: string };

type Routes = {
  grants: typeof import("./clients/[clientId]/grants/route");
  decisions: typeof import("./decisions/route");
  nginx: typeof import("./decisions/nginx/route");
  exports: typeof import("./export/route");
  analyze: typeof import("./scopes/analyze/route");
  openapi: typeof import("./openapi.json/route");
};
let routes: Routes;

beforeAll(async () => {
  api = await startEnforcementApi(t.db);
  // The routes find the database and the enforcement API on globalThis (lib/db.ts, lib/server/enforcement.ts).
  Object.assign(globalThis, { scopewardenDb: t.db, scopewardenEnforcement: Promise.resolve(api) });
  routes = {
    grants: await import("./clients/[clientId]/grants/route"),
    decisions: await import("./decisions/route"),
    nginx: await import("./decisions/nginx/route"),
    exports: await import("./export/route"),
    analyze: await import("./scopes/analyze/route"),
    openapi: await import("./openapi.json/route"),
  };
  key = (await createApiKeyRow(t.db, { name: "routes test" })).key;
  revokedKey = (await createApiKeyRow(t.db, { revoked: true })).key;
  app = await createApp(t.db, { granted: ["patient/Observation.rs", "launch/patient"] });
  other = await createApp(t.db, { granted: ["system/Condition.rs", "system/Patient.cruds"] });
});

afterAll(async () => {
  await api?.grants.stop();
  Object.assign(globalThis, { scopewardenDb: undefined, scopewardenEnforcement: undefined });
});

const BASE = "http://portal.test";
const auth = (k: string | null): Record<string, string> =>
  k === null ? {} : { Authorization: `Bearer ${k}` };

const callGrants = (clientId: string, k: string | null = key) =>
  routes.grants.GET(
    new Request(`${BASE}/api/v1/clients/${clientId}/grants`, { headers: auth(k) }),
    { params: Promise.resolve({ clientId }) },
  );
const callDecision = (body: string, k: string | null = key, contentType = "application/json") =>
  routes.decisions.POST(
    new Request(`${BASE}/api/v1/decisions`, {
      method: "POST",
      headers: { ...auth(k), "Content-Type": contentType },
      body,
    }),
    {},
  );
const callNginx = (headers: Record<string, string>, k: string | null = key) =>
  routes.nginx.GET(
    new Request(`${BASE}/api/v1/decisions/nginx`, { headers: { ...auth(k), ...headers } }),
    {},
  );
const callExport = (format: string | null, k: string | null = key) =>
  routes.exports.GET(
    new Request(`${BASE}/api/v1/export${format === null ? "" : `?format=${format}`}`, {
      headers: auth(k),
    }),
    {},
  );

const observation = (clientId: string) =>
  JSON.stringify({
    clientId,
    request: { method: "GET", path: "/Observation", query: "patient=p1" },
  });

describe("every key-protected route", () => {
  it("answers a missing, malformed, unknown or revoked key with 401 and nothing else", async () => {
    const badKeys = [null, "not-a-key", `swk_000000000000_${"A".repeat(43)}`, revokedKey];
    for (const k of badKeys) {
      const responses = [
        await callGrants(app.clientId, k),
        await callDecision(observation(app.clientId), k),
        await callDecision("{not json", k),
        await callNginx(
          { "X-Client-Id": app.clientId, "X-Original-URI": "/Observation?patient=p1" },
          k,
        ),
        await callExport("generic", k),
        await callExport("bogus", k),
      ];
      for (const res of responses) {
        expect(res.status).toBe(401);
        expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
        expect(await res.json()).toEqual({
          error: {
            code: "UNAUTHORIZED",
            message: "A valid API key is required: send Authorization: Bearer <key>.",
          },
        });
      }
    }
  });
});

describe("GET /api/v1/clients/{clientId}/grants", () => {
  it("answers the client's grants, 404 for an unknown client", async () => {
    const res = await callGrants(app.clientId);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      clientId: app.clientId,
      scopes: ["launch/patient", "patient/Observation.rs"],
    });
    for (const unknown of ["swc_nobody", "x".repeat(101)]) {
      const missing = await callGrants(unknown);
      expect(missing.status).toBe(404);
      expect((await missing.json()).error.message).toBe("No app has this client id.");
    }
  });
});

describe("POST /api/v1/decisions", () => {
  it("decides, and a denial names only the scope needed, never the client's grants", async () => {
    expect(await (await callDecision(observation(app.clientId))).json()).toMatchObject({
      allow: true,
      matchedScope: "patient/Observation.rs",
    });
    const denied = await (
      await callDecision(
        JSON.stringify({
          clientId: other.clientId,
          request: { method: "GET", path: "/Observation", query: "patient=p1" },
        }),
      )
    ).json();
    expect(denied).toMatchObject({ allow: false, matchedScope: null });
    expect(JSON.stringify(denied)).not.toMatch(/Condition|Patient\.cruds|Observation\.rs/);
  });

  it("answers bad input with a status and a message", async () => {
    const malformed = await callDecision("{not json");
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.message).toMatch(/not valid JSON/);
    const wrong = await callDecision(
      JSON.stringify({
        clientId: app.clientId,
        request: { method: "G E T", path: "/Observation" },
      }),
    );
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.message).toBe(
      "request.method must be an HTTP method such as GET.",
    );
    const unknown = await callDecision(observation("swc_nobody"));
    expect(unknown.status).toBe(404);
    const tooLarge = await callDecision(
      JSON.stringify({
        clientId: app.clientId,
        tokenScopes: "x ".repeat(10_000),
        request: { method: "GET", path: "/" },
      }),
    );
    expect(tooLarge.status).toBe(413);
    expect((await tooLarge.json()).error.code).toBe("PAYLOAD_TOO_LARGE");
    expect((await callDecision("{}", key, "text/plain")).status).toBe(415);
  });
});

describe("GET /api/v1/decisions/nginx", () => {
  it("answers 204 or 403 with the reason in a header", async () => {
    const allowed = await callNginx({
      "X-Client-Id": app.clientId,
      "X-Original-Method": "GET",
      "X-Original-URI": "/fhir/Observation?patient=p1",
      "X-FHIR-Base": "/fhir",
    });
    expect(allowed.status).toBe(204);
    const unknown = await callNginx({
      "X-Client-Id": "swc_nobody",
      "X-Original-URI": "/Observation",
    });
    expect(unknown.status).toBe(403);
    expect(unknown.headers.get("x-decision-reason")).toBe("Unknown client id.");
    const missing = await callNginx({ "X-Original-URI": "/Observation" });
    expect(missing.status).toBe(403);
    expect(missing.headers.get("x-decision-reason")).toMatch(/No access token.*X-Client-Id/);
  });
});

describe("GET /api/v1/export", () => {
  it("exports every client in either format, audited under the key", async () => {
    const generic = await callExport(null);
    expect(generic.status).toBe(200);
    const body = ZGenericExport.parse(await generic.json());
    expect(body.clients.find((c) => c.clientId === app.clientId)?.scopes).toEqual([
      "launch/patient",
      "patient/Observation.rs",
    ]);
    const keycloak = await callExport("keycloak");
    expect(
      ZKeycloakExport.parse(await keycloak.json()).clients.find(
        (c) => c.clientId === other.clientId,
      )?.optionalClientScopes,
    ).toEqual(["system/Condition.rs", "system/Patient.cruds"]);
    const events = await t.db.auditEvent.findMany({
      where: { action: "grants.exported", actorType: "api_key" },
      select: { actorLabel: true, after: true },
    });
    expect(events).toEqual([
      { actorLabel: "routes test", after: { format: "generic", clients: 2 } },
      { actorLabel: "routes test", after: { format: "keycloak", clients: 2 } },
    ]);
  });

  it("refuses an unknown format with 400", async () => {
    const res = await callExport("csv");
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe("format must be generic or keycloak.");
  });
});

describe("public routes", () => {
  it("POST /api/v1/scopes/analyze validates its body", async () => {
    const bad = await routes.analyze.POST(
      new Request(`${BASE}/api/v1/scopes/analyze`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: '{"scopes": 1}',
      }),
      {},
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/scopes must be/);
    const big = await routes.analyze.POST(
      new Request(`${BASE}/api/v1/scopes/analyze`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ scopes: "a".repeat(20_000) }),
      }),
      {},
    );
    expect(big.status).toBe(413);
  });

  it("GET /api/v1/openapi.json serves the document with this server's address", async () => {
    const res = routes.openapi.GET(new Request(`${BASE}/api/v1/openapi.json`));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ openapi: "3.1.0", servers: [{ url: BASE }] });
  });
});
