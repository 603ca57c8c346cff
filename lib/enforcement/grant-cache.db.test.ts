// The grant cache's warm start and memory cap: every client loaded in batches before the cache is
// ready, answers from memory afterwards, and the freshness rule unchanged for warmed, evicted and
// reloaded clients.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../prisma/factories";
import { createPrismaClient, type Db } from "../database/client";
import { setupTestDb } from "../testing/setup-test-db";
import { markGrantsChanged } from "./changes";
import type { FhirRequest } from "./fhir-request";
import { GrantCache } from "./grant-cache";
import { startEnforcementApi } from "./http";
import { createDecisionServer } from "./node-server";
import { loadClientGrantsPage } from "./queries";

const t = setupTestDb();
let db: Db;
type TestApp = Awaited<ReturnType<typeof createApp>>;
const apps: TestApp[] = [];
const readObservation: FhirRequest = { method: "GET", path: "/Observation", query: "patient=p1" };

beforeAll(async () => {
  db = createPrismaClient(t.url, { poolSize: 3 });
  for (let i = 0; i < 7; i++)
    apps.push(await createApp(t.db, { granted: i % 2 ? ["user/Observation.rs"] : [] }));
});
afterAll(async () => {
  await db?.$disconnect();
});

async function grant(app: TestApp, state: "granted" | "revoked") {
  await t.db.$transaction(async (tx) => {
    if (state === "granted")
      await tx.appScope.create({
        data: {
          appId: app.id,
          scope: "user/Observation.rs",
          requested: "user/Observation.rs",
          state,
          risk: "low",
          policyOutcome: "grant",
        },
      });
    else await tx.appScope.updateMany({ where: { appId: app.id }, data: { state } });
    await markGrantsChanged(tx, [app.id]);
  });
}

/** Polls `check` until it holds or `ms` pass; returns whether it held. */
async function eventually(check: () => Promise<boolean> | boolean, ms = 3000) {
  const started = performance.now();
  while (performance.now() - started < ms) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

describe("warm start", () => {
  it("loads every client in batches, then answers from memory; /healthz says when it is ready", async () => {
    const api = await startEnforcementApi(db, { warm: false, cache: { warmBatchSize: 3 } });
    const server = createDecisionServer(api);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const health = () =>
      fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`).then(
        async (r) => ({ status: r.status, body: await r.json() }),
      );
    try {
      const before = await health();
      expect(before.status).toBe(503);
      expect(before.body).toMatchObject({
        ready: false,
        grantCache: { warmUp: { state: "cold" } },
      });
      expect(api.grants.isReady()).toBe(false);

      await api.grants.warm();
      const total = await t.db.app.count();
      expect(api.grants.isReady()).toBe(true);
      expect(api.grants.size).toBe(total);
      const after = await health();
      expect(after.status).toBe(200);
      expect(after.body.grantCache.warmUp).toMatchObject({
        state: "warm",
        total,
        clients: total,
        isComplete: true,
      });

      for (const [i, app] of apps.entries())
        expect((await api.decide(app.clientId, null, readObservation))?.allow).toBe(i % 2 === 1);
      expect(api.grants.stats.loads).toBe(0);
      await api.grants.warm(); // already warm: nothing is loaded again
      expect(api.grants.stats.loads).toBe(0);
    } finally {
      await api.grants.stop();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("never keeps a batch row that a change overtook between the read and the store", async () => {
    const cache = new GrantCache(db, { pollMs: 60_000 });
    await cache.start();
    try {
      const rows = await loadClientGrantsPage(db, null, 1000);
      const changed = apps[2]!; // no grant in the rows just read
      await grant(changed, "granted");
      await cache.poll(); // the poller passes the change before the batch is stored
      const stored = await cache.storeBatch(rows, cache.generation);
      expect(stored.clients).toBe(rows.length - 1);
      expect(cache.peek(changed.clientId)).toBeUndefined();
      expect((await cache.get(changed.clientId))?.scopes).toEqual(["user/Observation.rs"]);
    } finally {
      await cache.stop();
      await grant(apps[2]!, "revoked");
    }
  });

  it("stores nothing from a batch read before the cache was emptied", async () => {
    let now = 0;
    const cache = new GrantCache(db, { pollMs: 60_000, now: () => now });
    await cache.start();
    try {
      const generation = cache.generation;
      const rows = await loadClientGrantsPage(db, null, 1000);
      now += 5000; // an outage: the next poll starts clean…
      await cache.poll();
      expect(cache.generation).not.toBe(generation);
      expect(await cache.storeBatch(rows, generation)).toEqual({ clients: 0, grants: 0 }); // …so the batch is stale
      expect(cache.size).toBe(0);
    } finally {
      await cache.stop();
    }
  });

  it("warms again after the cache is emptied (an outage), answering correctly meanwhile", async () => {
    let now = 0;
    const cache = new GrantCache(db, { pollMs: 60_000, now: () => now });
    await cache.start();
    try {
      await cache.warm();
      const total = cache.size;
      now += 5000; // polling stalled past the staleness bound…
      expect(cache.isFresh()).toBe(false);
      expect((await cache.get(apps[1]!.clientId))?.scopes).toEqual(["user/Observation.rs"]);
      await cache.poll(); // …and is back: the cache starts clean and warms again by itself
      expect(cache.stats.resets).toBe(1);
      expect(await eventually(() => cache.warmUp().state === "warm")).toBe(true);
      expect(cache.size).toBe(total);
    } finally {
      await cache.stop();
    }
  });
});

describe("the memory cap", () => {
  it("holds at most maxClients; evicted clients load on demand and still see changes within a second", async () => {
    const cache = new GrantCache(db, { maxClients: 3, warmBatchSize: 2 });
    await cache.start();
    try {
      await cache.warm();
      expect(cache.size).toBe(3);
      expect(cache.warmUp()).toMatchObject({ state: "warm", clients: 3, isComplete: false });
      for (let round = 0; round < 2; round++)
        for (const [i, app] of apps.entries()) {
          const client = await cache.get(app.clientId);
          expect(client?.scopes).toEqual(i % 2 ? ["user/Observation.rs"] : []);
          expect(cache.size).toBeLessThanOrEqual(3);
        }
      expect(cache.stats.evictions).toBeGreaterThan(0);

      const target = apps[0]!;
      await cache.get(target.clientId); // in memory now…
      await grant(target, "granted"); // …and changed: the poller drops it, the next read reloads it
      const started = performance.now();
      expect(
        await eventually(
          async () => (await cache.get(target.clientId))?.scopes.length === 1 || false,
        ),
      ).toBe(true);
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      await cache.stop();
      await grant(apps[0]!, "revoked");
    }
  });
});
