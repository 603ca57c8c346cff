// Fuzzing every /api/v1 route, as Next.js calls it and as the node:http decision server serves it,
// on a real database: no input answers 5xx, every answer is one the OpenAPI document describes
// (error bodies carry a code of the one vocabulary under its status), and nothing is written
// except the audit event each successful export records. The generators reach past validation:
// each route must answer success and refusal often (asserted at the end).
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKeyRow, createApp } from "@/prisma/factories";
import { startEnforcementApi, type EnforcementApi } from "@/lib/enforcement/http";
import { createDecisionServer } from "@/lib/enforcement/node-server";
import { changedTables, snapshotDb, type DbSnapshot } from "@/lib/testing/db-snapshot";
import { setupTestDb } from "@/lib/testing/setup-test-db";
import { answerOf, expectDocumented, sendRaw, tally } from "./fuzz-answers.test-util";
import * as gen from "./fuzz.test-util";

vi.mock("server-only", () => ({}));

const t = setupTestDb();
const RUNS = 150;
const BASE = "http://portal.test";
let api: EnforcementApi;
let keys: Record<"valid" | "revoked" | "garbage", string>;
let clientIds: string[];
let before: DbSnapshot;
let decisionServer: ReturnType<typeof createDecisionServer>;
let port: number;
let routes: {
  grants: typeof import("./clients/[clientId]/grants/route");
  decisions: typeof import("./decisions/route");
  nginx: typeof import("./decisions/nginx/route");
  exports: typeof import("./export/route");
  analyze: typeof import("./scopes/analyze/route");
  openapi: typeof import("./openapi.json/route");
};

const authOf = (key: "valid" | "none" | "revoked" | "garbage"): Record<string, string> =>
  key === "none" ? {} : { Authorization: `Bearer ${keys[key]}` };
const typeOf = (contentType: string | null): Record<string, string> =>
  contentType ? { "Content-Type": contentType } : {};

beforeAll(async () => {
  // Key use is recorded once per hour here, so the warm-up below is the only such write.
  api = await startEnforcementApi(t.db, { keys: { lastUsedWriteMs: 3_600_000 } });
  Object.assign(globalThis, { scopewardenDb: t.db, scopewardenEnforcement: Promise.resolve(api) });
  routes = {
    grants: await import("./clients/[clientId]/grants/route"),
    decisions: await import("./decisions/route"),
    nginx: await import("./decisions/nginx/route"),
    exports: await import("./export/route"),
    analyze: await import("./scopes/analyze/route"),
    openapi: await import("./openapi.json/route"),
  };
  keys = {
    valid: (await createApiKeyRow(t.db)).key,
    revoked: (await createApiKeyRow(t.db, { revoked: true })).key,
    garbage: `swk_000000000000_${"A".repeat(43)}`,
  };
  const apps = [
    await createApp(t.db, { granted: ["patient/Observation.rs", "launch/patient"] }),
    await createApp(t.db, {
      granted: ["system/*.rs", "patient/Observation.rs?category=laboratory"],
    }),
    await createApp(t.db, { granted: ["system/Patient.rs"], status: "suspended" }),
  ];
  clientIds = apps.map((a) => a.clientId);
  await api.authenticate({
    header: () => `Bearer ${keys.valid}`,
    readBody: async () => ({ kind: "ok", text: "" }),
  });
  decisionServer = createDecisionServer(api);
  await new Promise<void>((resolve) => decisionServer.listen(0, "127.0.0.1", resolve));
  port = (decisionServer.address() as AddressInfo).port;
  before = await snapshotDb(t.db);
});

afterAll(async () => {
  await new Promise((resolve) => decisionServer?.close(resolve));
  await api?.grants.stop();
  Object.assign(globalThis, { scopewardenDb: undefined, scopewardenEnforcement: undefined });
});

const property = <T>(arb: fc.Arbitrary<T>, run: (value: T) => Promise<void>, numRuns = RUNS) =>
  fc.assert(fc.asyncProperty(arb, run), { numRuns });

describe("fuzzing the Next.js routes of /api/v1", () => {
  it("GET /api/v1/clients/{clientId}/grants", async () => {
    const arbClient = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...clientIds) },
      { weight: 2, arbitrary: gen.arbHostileText },
    );
    await property(
      fc.tuple(
        arbClient,
        gen.arbKeyChoice,
        gen.arbQueryString,
        fc.constantFrom(null, '"*"', '"0"'),
      ),
      async ([clientId, key, query, ifNoneMatch]) => {
        const headers = {
          ...authOf(key),
          ...(ifNoneMatch ? { "If-None-Match": ifNoneMatch } : {}),
        };
        const res = await routes.grants.GET(
          new Request(`${BASE}/api/v1/clients/x/grants${query}`, { headers }),
          {
            params: Promise.resolve({ clientId }),
          },
        );
        expectDocumented(
          "grants",
          ["/api/v1/clients/{clientId}/grants", "get"],
          await answerOf(res),
        );
      },
    );
  });

  it("POST /api/v1/decisions", async () => {
    await property(
      fc.tuple(
        gen.arbDecisionBody(clientIds),
        gen.arbKeyChoice,
        gen.arbContentType,
        gen.arbQueryString,
      ),
      async ([body, key, contentType, query]) => {
        const headers = { ...authOf(key), ...typeOf(contentType) };
        const res = await routes.decisions.POST(
          new Request(`${BASE}/api/v1/decisions${query}`, { method: "POST", headers, body }),
          {},
        );
        expectDocumented("decisions", ["/api/v1/decisions", "post"], await answerOf(res));
      },
    );
  });

  it("GET /api/v1/decisions/nginx", async () => {
    await property(
      fc.tuple(gen.arbNginxHeaders(clientIds), gen.arbKeyChoice),
      async ([headers, key]) => {
        const res = await routes.nginx.GET(
          new Request(`${BASE}/api/v1/decisions/nginx`, {
            headers: { ...authOf(key), ...headers },
          }),
          {},
        );
        expectDocumented("nginx", ["/api/v1/decisions/nginx", "get"], await answerOf(res));
      },
    );
  });

  it("GET /api/v1/export", async () => {
    await property(fc.tuple(gen.arbExportFormat, gen.arbKeyChoice), async ([format, key]) => {
      const url = `${BASE}/api/v1/export${format === null ? "" : `?format=${format}`}`;
      const res = await routes.exports.GET(new Request(url, { headers: authOf(key) }), {});
      expectDocumented("export", ["/api/v1/export", "get"], await answerOf(res));
    });
  });

  it("POST /api/v1/scopes/analyze", async () => {
    await property(
      fc.tuple(gen.arbAnalyzeBody, gen.arbContentType),
      async ([body, contentType]) => {
        const headers = typeOf(contentType);
        const res = await routes.analyze.POST(
          new Request(`${BASE}/api/v1/scopes/analyze`, { method: "POST", headers, body }),
          {},
        );
        expectDocumented("analyze", ["/api/v1/scopes/analyze", "post"], await answerOf(res));
      },
    );
  });

  it("GET /api/v1/openapi.json", async () => {
    await property(gen.arbQueryString, async (query) => {
      const res = routes.openapi.GET(new Request(`${BASE}/api/v1/openapi.json${query}`));
      expectDocumented("openapi", ["/api/v1/openapi.json", "get"], await answerOf(res));
    });
  });
});

describe("fuzzing the node:http decision server", () => {
  it("answers every path, method and body without a 5xx, as documented", async () => {
    const arbSegment = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...clientIds) },
      { weight: 2, arbitrary: gen.arbRawSegment },
    );
    type Call = [Parameters<typeof sendRaw>[1], [string, string] | null];
    const arbRequest = fc.oneof(
      fc.tuple(gen.arbDecisionBody(clientIds), gen.arbKeyChoice, gen.arbContentType).map(
        ([body, key, type]) =>
          [
            {
              method: "POST",
              path: "/api/v1/decisions",
              headers: { ...authOf(key), ...typeOf(type) },
              body,
            },
            ["/api/v1/decisions", "post"],
          ] as Call,
      ),
      fc.tuple(gen.arbNginxHeaders(clientIds), gen.arbKeyChoice).map(
        ([headers, key]) =>
          [
            {
              method: "GET",
              path: "/api/v1/decisions/nginx",
              headers: { ...authOf(key), ...headers },
            },
            ["/api/v1/decisions/nginx", "get"],
          ] as Call,
      ),
      fc.tuple(arbSegment, gen.arbKeyChoice, gen.arbQueryString).map(
        ([segment, key, query]) =>
          [
            {
              method: "GET",
              path: `/api/v1/clients/${segment}/grants${query}`,
              headers: authOf(key),
            },
            ["/api/v1/clients/{clientId}/grants", "get"],
          ] as Call,
      ),
      fc
        .tuple(fc.constantFrom("GET", "POST", "DELETE"), gen.arbRawSegment)
        .map(
          ([method, segment]) =>
            [{ method, path: `/api/v1/${segment}`, headers: {} }, null] as Call,
        ),
    );
    await property(
      arbRequest,
      async ([req, op]) =>
        expectDocumented(`node ${op?.[0] ?? "unknown"}`, op, await sendRaw(port, req)),
      4 * RUNS,
    );
  });
});

describe("after the fuzzing", () => {
  it("nothing was written but one audit event per successful export", async () => {
    const exports = (tally.get("export") ?? []).filter((s) => s === 200).length;
    const after = await snapshotDb(t.db);
    expect(changedTables(before, after).sort()).toEqual(exports ? ["AuditEvent"] : []);
    const events = await t.db.auditEvent.groupBy({ by: ["action"], _count: { _all: true } });
    expect(events).toEqual(
      exports ? [{ action: "grants.exported", _count: { _all: exports } }] : [],
    );
  });

  it("reached both the success path and the refusals of every route", () => {
    for (const [route, statuses] of tally) {
      const share = (test: (s: number) => boolean) =>
        statuses.filter(test).length / statuses.length;
      const ok = share((s) => s < 300);
      const refused = share((s) => s >= 400);
      if (route === "openapi") expect(ok).toBe(1);
      else if (route === "node unknown") expect(refused).toBe(1);
      else {
        // Generated to succeed about half the time: far above these bounds, so never flaky.
        expect(ok, `${route}: ${(ok * 100).toFixed(0)} % succeeded`).toBeGreaterThanOrEqual(0.2);
        expect(refused, `${route}: ${(refused * 100).toFixed(0)} % refused`).toBeGreaterThanOrEqual(
          0.15,
        );
      }
    }
    expect(tally.size).toBe(10);
  });
});
