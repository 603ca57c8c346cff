// The front server's hook on a plain node:http server, in front of a stand-in for Next.js that
// queries the database, while the real database goes away and comes back.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestDb } from "../testing/setup-test-db";
import { Availability, databaseProbe, unavailableHook } from "./availability";

const t = setupTestDb();
let server: Server;
let base = "";
let availability: Availability;

beforeAll(async () => {
  availability = new Availability(databaseProbe(t.url, 1000), {
    upTtlMs: 60_000,
    downTtlMs: 500,
  });
  const answerIfUnavailable = unavailableHook(availability);
  server = createServer(async (req, res) => {
    if (answerIfUnavailable(req, res)) return;
    res.setHeader("x-handled-by", "app");
    try {
      const users = await t.db.user.count();
      res.writeHead(200, { "content-type": "text/plain" }).end(`users: ${users}`);
    } catch (error) {
      availability.report(error); // what jsonRoute and onRequestError do in Next.js
      res.writeHead(500).end("the page failed");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  availability?.stop();
  await t.acceptConnections();
  await new Promise((resolve) => server?.close(resolve));
});

const get = (path: string, init?: RequestInit) => fetch(`${base}${path}`, init);

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - started;
}

describe("the availability hook (node:http, real database)", () => {
  it("answers 503 with Retry-After while the database is down, and lets requests through again once it is back", async () => {
    expect((await get("/apps")).status).toBe(200);

    await t.refuseConnections();
    try {
      // The first request after the outage began still reaches the app, fails, and reports it.
      const detectedMs = await until(async () => (await get("/apps")).status === 503, 10_000);
      const page = await get("/admin/approvals?page=2");
      expect(page.status).toBe(503);
      expect(page.headers.get("retry-after")).toBe("5");
      expect(page.headers.get("content-type")).toMatch(/^text\/html/);
      expect(page.headers.get("x-handled-by")).toBeNull();
      expect(await page.text()).toContain("Scopewarden is temporarily unavailable");

      const api = await get("/api/v1/clients/abc/grants");
      expect(api.status).toBe(503);
      expect(api.headers.get("retry-after")).toBe("5");
      expect(await api.json()).toEqual({
        error: { code: "SERVICE_UNAVAILABLE", message: expect.stringMatching(/try again/i) },
      });
      const head = await get("/apps", { method: "HEAD" });
      expect(head.status).toBe(503);

      // What needs no database, and server actions (answered in their form), still reach the app.
      for (const path of ["/api/health", "/_next/static/chunks/app.js", "/docs/api"])
        expect((await get(path)).headers.get("x-handled-by")).toBe("app");
      const action = await get("/apps/new", { method: "POST", headers: { "next-action": "abc" } });
      expect(action.headers.get("x-handled-by")).toBe("app");
      console.info(`[${t.backend}] outage answered with 503 after ${detectedMs} ms`);
    } finally {
      await t.acceptConnections();
    }

    const recoveredMs = await until(async () => (await get("/apps")).status === 200, 15_000);
    expect(await (await get("/apps")).text()).toMatch(/^users: \d+$/);
    console.info(`[${t.backend}] served again ${recoveredMs} ms after the database came back`);
  });
});
