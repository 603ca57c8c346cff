// Usage evidence under decision load: the rows written after a flush match the allowed decisions
// the gateway was given, per client and scope, and a graceful shutdown writes what is left.
import { describe, expect, it } from "vitest";
import { createApiKeyRow, createApp } from "@/prisma/factories";
import { startEnforcementApi } from "../enforcement/http";
import { startFrontServer } from "../runtime/front-server";
import { setupTestDb } from "../testing/setup-test-db";
import { findDeniedHints, findGrantUsage } from "./queries";
import { UsageRecorder } from "./recorder";
import { pruneUsage } from "./store";

const t = setupTestDb();

const REQUESTS = [
  { method: "GET", path: "/Observation", query: "patient=p1" },
  { method: "GET", path: "/Condition/c1" },
  { method: "POST", path: "/Observation" },
  { method: "GET", path: "/$export", query: "_type=Patient,Coverage" },
  { method: "GET", path: "/Encounter/e1" },
];

type Expected = Map<string, number>; // "appId scope" -> allowed decisions

async function load(origin: string, key: string, clients: string[], n: number, into: Expected) {
  const denied = new Map<string, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < n) {
        const i = next++;
        const client = clients[i % clients.length]!;
        const res = await fetch(`${origin}/api/v1/decisions`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: JSON.stringify({ clientId: client, request: REQUESTS[i % REQUESTS.length] }),
        });
        const body = (await res.json()) as {
          allow: boolean;
          matchedScope: string | null;
          required: string | null;
        };
        expect(res.status).toBe(200);
        const target = body.allow ? into : denied;
        const scopes = body.allow ? body.matchedScope : body.required;
        for (const scope of new Set((scopes ?? "").split(" ").filter(Boolean))) {
          const k = `${client} ${scope}`;
          target.set(k, (target.get(k) ?? 0) + 1);
        }
      }
    }),
  );
  return denied;
}

async function usageRows(): Promise<Expected> {
  const rows = await t.db.$queryRaw<{ clientId: string; scope: string; count: number }[]>`
    SELECT a."clientId", s."scope", sum(u."count")::int AS "count"
    FROM "GrantUsageDay" u JOIN "AppScope" s ON s."id" = u."appScopeId" JOIN "App" a ON a."id" = s."appId"
    GROUP BY a."clientId", s."scope"`;
  return new Map(rows.map((r) => [`${r.clientId} ${r.scope}`, r.count]));
}

describe("usage evidence from the decision path", () => {
  it("matches the allowed decisions per client and scope after a flush, and loses nothing on a graceful shutdown", async () => {
    const key = (await createApiKeyRow(t.db)).key;
    const apps = await Promise.all([
      createApp(t.db, { granted: ["system/Observation.rs", "system/Condition.r"] }),
      createApp(t.db, { granted: ["system/Observation.cruds", "system/Patient.rs"] }),
      createApp(t.db, { granted: ["system/*.rs"] }),
      createApp(t.db, { granted: ["system/Encounter.r"] }),
    ]);
    const clients = apps.map((a) => a.clientId);
    const front = await startFrontServer({
      db: t.db,
      port: 0,
      host: "127.0.0.1",
      authServer: () => null,
      next: async () => ({ handle: (_req, res) => void res.end("next"), close: async () => {} }),
      // No timer flush during the test: only the explicit flush and the shutdown write.
      usage: { flushMs: 3_600_000 },
    });
    let isClosed = false;
    const expected: Expected = new Map();
    try {
      await front.enforcement.grants.warm();
      const denied = await load(front.origin, key, clients, 400, expected);
      expect(expected.size).toBeGreaterThan(4);
      expect(denied.size).toBeGreaterThan(0);
      expect(await usageRows()).toEqual(new Map());

      await front.enforcement.usage!.flush();
      expect(await usageRows()).toEqual(expected);

      // The denied decisions, per app and required scope, as the admin's hint reads them.
      const hints = await findDeniedHints(t.db, apps[0]!.id, new Date());
      const deniedOfFirst = [...denied].filter(([k]) => k.startsWith(`${clients[0]} `));
      expect(new Map(hints.map((h) => [`${clients[0]} ${h.scope}`, h.count]))).toEqual(
        new Map(deniedOfFirst),
      );

      // More load, then SIGTERM's path: whatever is still in memory is written before it returns.
      await load(front.origin, key, clients, 300, expected);
      await front.close();
      isClosed = true;
      expect(await usageRows()).toEqual(expected);
    } finally {
      if (!isClosed) await front.close();
    }

    const grant = await t.db.appScope.findFirstOrThrow({
      where: { appId: apps[3]!.id, scope: "system/Encounter.r" },
    });
    const usage = (await findGrantUsage(t.db, [grant.id], new Date())).get(grant.id)!;
    expect(usage.total).toBe(expected.get(`${clients[3]} system/Encounter.r`));
    expect(usage.daily).toHaveLength(90);
    expect(usage.daily.at(-1)).toBe(usage.total);
    expect(usage.lastUsedAt).not.toBeNull();

    // The grants endpoint carries each grant's last use and expiry.
    const api = await startEnforcementApi(t.db, { warm: false, usage: false });
    try {
      const answer = await api.clientGrants(
        {
          header: (n) => (n === "authorization" ? `Bearer ${key}` : null),
          readBody: () => Promise.reject(new Error("no body")),
        },
        clients[3]!,
      );
      expect(answer.body).toMatchObject({
        grants: [
          {
            scope: "system/Encounter.r",
            expiresAt: null,
            lastUsedAt: usage.lastUsedAt!.toISOString(),
          },
        ],
      });
    } finally {
      await api.stop();
    }
  });

  it("adds up a replaced client's counts with its successor's, and keeps the rows whose write failed", async () => {
    const app = await createApp(t.db, { granted: ["system/Observation.rs", "system/Patient.rs"] });
    let statements = 0;
    // The second statement fails as a dropped connection would; the others reach the database.
    const flaky = new Proxy(t.db, {
      get(target, name, receiver) {
        if (name !== "$executeRaw") return Reflect.get(target, name, receiver);
        return (...args: Parameters<typeof target.$executeRaw>) =>
          ++statements === 2
            ? Promise.reject(new Error("connection lost"))
            : target.$executeRaw(...args);
      },
    });
    const errors: unknown[] = [];
    // One row per statement, so the failure falls between the rows of one write.
    const recorder = new UsageRecorder(flaky, {
      flushMs: 3_600_000,
      chunkRows: 1,
      onError: (e) => errors.push(e),
    });
    // A grant change swaps the cached client: the old object's counts are still written.
    const before = { appId: app.id, usage: null };
    const after = { appId: app.id, usage: null };
    for (let i = 0; i < 3; i++) recorder.recordAllowed(before, "system/Observation.rs");
    recorder.recordAllowed(after, "system/Observation.rs");
    recorder.recordAllowed(after, "system/Observation.rs system/Patient.rs");
    recorder.recordDenied(before, "system/Coverage.rs");
    await recorder.flush();
    expect(errors).toHaveLength(1);
    expect(recorder.stats).toMatchObject({ recorded: 6, flushes: 0, flushErrors: 1 });
    const grants = await t.db.appScope.findMany({ where: { appId: app.id } });
    const ofApp = { appScopeId: { in: grants.map((g) => g.id) } };
    // The first row went in; the one that failed, and the denial after it, wait for the next write.
    const counted = async () =>
      new Map(
        (await t.db.grantUsageDay.findMany({ where: ofApp })).map((r) => [
          grants.find((g) => g.id === r.appScopeId)!.scope,
          r.count,
        ]),
      );
    expect(await counted()).toEqual(new Map([["system/Observation.rs", 5]]));
    expect(await findDeniedHints(t.db, app.id, new Date())).toEqual([]);

    // Counted while the failed batch waited: both reach the next write.
    recorder.recordAllowed(after, "system/Patient.rs");
    await recorder.stop();
    expect(await counted()).toEqual(
      new Map([
        ["system/Observation.rs", 5],
        ["system/Patient.rs", 2],
      ]),
    );
    const hints = await findDeniedHints(t.db, app.id, new Date());
    expect(hints.map((h) => [h.scope, h.count])).toEqual([["system/Coverage.rs", 1]]);
    expect(recorder.stats).toMatchObject({ flushes: 1, flushErrors: 1 });
  });

  it("writes the allowed rows once when a denied row's statement fails after them", async () => {
    const app = await createApp(t.db, { granted: ["system/Observation.rs", "system/Patient.rs"] });
    let statements = 0;
    // Statements 1 and 2 write the allowed rows; the third, the denial, fails once.
    const flaky = new Proxy(t.db, {
      get(target, name, receiver) {
        if (name !== "$executeRaw") return Reflect.get(target, name, receiver);
        return (...args: Parameters<typeof target.$executeRaw>) =>
          ++statements === 3
            ? Promise.reject(new Error("connection lost"))
            : target.$executeRaw(...args);
      },
    });
    const recorder = new UsageRecorder(flaky, {
      flushMs: 3_600_000,
      chunkRows: 1,
      onError: () => {},
    });
    const client = { appId: app.id, usage: null };
    recorder.recordAllowed(client, "system/Observation.rs");
    recorder.recordAllowed(client, "system/Patient.rs");
    recorder.recordDenied(client, "system/Coverage.rs");
    await recorder.flush();
    await recorder.stop();
    const grants = await t.db.appScope.findMany({ where: { appId: app.id } });
    const rows = await t.db.grantUsageDay.findMany({
      where: { appScopeId: { in: grants.map((g) => g.id) } },
    });
    expect(rows.map((r) => r.count)).toEqual([1, 1]);
    const hints = await findDeniedHints(t.db, app.id, new Date());
    expect(hints.map((h) => [h.scope, h.count])).toEqual([["system/Coverage.rs", 1]]);
    expect(recorder.stats).toMatchObject({ flushes: 1, flushErrors: 1 });
  });

  it("keeps daily counts 13 months", async () => {
    const app = await createApp(t.db, { granted: ["system/Practitioner.r"] });
    const grant = await t.db.appScope.findFirstOrThrow({ where: { appId: app.id } });
    const now = new Date("2026-12-01T12:00:00Z");
    for (const day of ["2025-10-31", "2025-11-01", "2026-11-30"])
      await t.db.grantUsageDay.create({
        data: { appScopeId: grant.id, day: new Date(day), count: 3, lastUsedAt: new Date(day) },
      });
    await pruneUsage(t.db, now);
    const left = await t.db.grantUsageDay.findMany({
      where: { appScopeId: grant.id },
      orderBy: { day: "asc" },
    });
    expect(left.map((r) => r.day.toISOString().slice(0, 10))).toEqual(["2025-11-01", "2026-11-30"]);
  });
});
