// The front server: each path family reaches its handler (the enforcement fast path, the
// authorization server, Next.js), the grant cache is the one Next's routes use, and shutdown lets
// requests in flight finish while refusing new connections.
import { request as httpRequest, Agent } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKeyRow, createApp } from "@/prisma/factories";
import { setupTestDb } from "../testing/setup-test-db";
import { startTestAuthServer, type TestAuthServer } from "../authserver/test-server.test-util";
import { Availability } from "./availability";
import { startFrontServer } from "./front-server";
import { CLIENT_IP_HEADER, parseProxyTrust } from "../http/client-ip";
import { API_CSP } from "../http/security-headers";
import { sharedEnforcementApi } from "../instance";

const t = setupTestDb();
let as: TestAuthServer;
let key: string;
let clientId: string;

beforeAll(async () => {
  as = await startTestAuthServer(t.db);
  key = (await createApiKeyRow(t.db)).key;
  clientId = (await createApp(t.db, { granted: ["patient/Observation.rs"] })).clientId;
});
afterAll(async () => {
  await as?.close();
});

const handledBy = (res: Response) => (res.headers.get("x-handler") === "next" ? "next" : "front");

describe("routing", () => {
  it("serves the enforcement endpoints on the fast path, ahead of Next.js", async () => {
    const auth = { Authorization: `Bearer ${key}` };
    const decision = await fetch(`${as.origin}/api/v1/decisions`, {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({
        clientId,
        request: { method: "GET", path: "/Observation", query: "patient=1" },
      }),
    });
    expect(handledBy(decision)).toBe("front");
    // The fast path writes its headers in one go: the security headers and no-store are among them.
    expect(Object.fromEntries(decision.headers)).toMatchObject({
      "cache-control": "no-store",
      "content-security-policy": API_CSP,
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "content-type": "application/json",
    });
    expect(await decision.json()).toMatchObject({
      allow: true,
      matchedScope: "patient/Observation.rs",
    });
    const grants = await fetch(`${as.origin}/api/v1/clients/${clientId}/grants`, { headers: auth });
    expect(await grants.json()).toMatchObject({ clientId, scopes: ["patient/Observation.rs"] });
    expect(grants.headers.get("x-frame-options")).toBe("DENY");
    const nginx = await fetch(`${as.origin}/api/v1/decisions/nginx`);
    expect(nginx.status).toBe(401);
    expect(handledBy(nginx)).toBe("front");
    expect(nginx.headers.get("content-security-policy")).toBe(API_CSP);
    expect(nginx.headers.get("cache-control")).toBe("no-store");
  });

  it("sends /oauth to the authorization server and everything else to Next.js", async () => {
    const discovery = await fetch(`${as.origin}/oauth/.well-known/openid-configuration`);
    expect((await discovery.json()).issuer).toBe(as.issuer);
    for (const path of ["/", "/api/health", "/api/v1/export", "/api/v1/decisions/other", "/oauthx"])
      expect(handledBy(await fetch(`${as.origin}${path}`)), path).toBe("next");
    const page = await fetch(`${as.origin}/oauth/interaction/not-mine`);
    expect(page.status).toBe(400);
    expect(handledBy(page)).toBe("front");
  });

  it("shares its enforcement API (one grant cache) with Next.js's route handlers", async () => {
    const seenByRoutes = await sharedEnforcementApi(() => Promise.reject(new Error("not shared")));
    expect(seenByRoutes).toBe(as.front.enforcement);
  });
});

describe("the client's address", () => {
  const echoNext = async () => ({
    handle: (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) =>
      void res.end(String(req.headers[CLIENT_IP_HEADER] ?? "none")),
    close: async () => {},
  });

  it("is the socket's peer: a forged X-Forwarded-For or a forged private header changes nothing", async () => {
    const front = await startFrontServer({
      db: t.db,
      port: 0,
      host: "127.0.0.1",
      authServer: () => null,
      next: echoNext,
    });
    try {
      for (const headers of <Record<string, string>[]>[
        {},
        { "X-Forwarded-For": "198.51.100.66" },
        { "X-Forwarded-For": "198.51.100.66, 10.0.0.1", "X-Real-IP": "198.51.100.67" },
        { [CLIENT_IP_HEADER]: "198.51.100.68" },
      ])
        expect(await (await fetch(`${front.origin}/sign-in`, { headers })).text()).toBe(
          "127.0.0.1",
        );
    } finally {
      await front.close();
    }
  });

  it("comes from X-Forwarded-For only through the proxies in TRUSTED_PROXIES", async () => {
    const front = await startFrontServer({
      db: t.db,
      port: 0,
      host: "127.0.0.1",
      authServer: () => null,
      next: echoNext,
      proxyTrust: parseProxyTrust("127.0.0.1", undefined),
    });
    try {
      const res = await fetch(`${front.origin}/sign-in`, {
        headers: { "X-Forwarded-For": "6.6.6.6, 203.0.113.9" },
      });
      expect(await res.text()).toBe("203.0.113.9");
    } finally {
      await front.close();
    }
  });
});

describe("graceful shutdown", () => {
  it("finishes requests in flight, closes idle connections and refuses new ones", async () => {
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => (release = resolve));
    const front = await startFrontServer({
      db: t.db,
      port: 0,
      host: "127.0.0.1",
      authServer: () => null,
      next: async () => ({
        handle: async (_req, res) => {
          await slow;
          res.end("done");
        },
        close: async () => {},
      }),
    });
    const agent = new Agent({ keepAlive: true });
    const get = (path: string, via: Agent | false = agent) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        httpRequest(`${front.origin}${path}`, { agent: via }, (res) => {
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        })
          .on("error", reject)
          .end();
      });
    // An idle keep-alive connection, and a request still being answered.
    expect((await get("/api/v1/decisions/nginx")).status).toBe(401);
    const inFlight = get("/slow");
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    const closing = front.close();
    await new Promise((r) => setTimeout(r, 100));
    await expect(get("/", false)).rejects.toThrow(/ECONNREFUSED/);
    release();
    expect(await inFlight).toEqual({ status: 200, body: "done" });
    await closing;
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(sharedEnforcementApi(() => Promise.reject(new Error("cleared")))).rejects.toThrow(
      "cleared",
    );
    agent.destroy();
  });
});

describe("while the database is unreachable", () => {
  it("answers pages and APIs with 503 and Retry-After, leaves decisions and discovery alone", async () => {
    const availability = new Availability(() => Promise.reject(new Error("connect ECONNREFUSED")));
    await availability.check();
    const front = await startFrontServer({
      db: t.db,
      port: 0,
      host: "127.0.0.1",
      availability,
      authServer: () => null,
      next: async () => ({ handle: (_req, res) => void res.end("next"), close: async () => {} }),
    });
    try {
      const page = await fetch(`${front.origin}/admin/approvals`);
      expect(page.status).toBe(503);
      expect(page.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(await page.text()).toMatch(/temporarily unavailable/i);
      const api = await fetch(`${front.origin}/api/v1/export`);
      expect(api.status).toBe(503);
      expect((await api.json()).error.code).toBe("SERVICE_UNAVAILABLE");
      // The health check reports the outage itself; decisions answer from their own path.
      expect(await (await fetch(`${front.origin}/api/health`)).text()).toBe("next");
      const decision = await fetch(`${front.origin}/api/v1/decisions/nginx`);
      expect(decision.status).toBe(401);
    } finally {
      availability.stop();
      await front.close();
    }
  });
});
