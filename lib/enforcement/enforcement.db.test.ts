import { request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKeyRow, createApp, createUser } from "../../prisma/factories";
import { createPrismaClient, type Db } from "../database/client";
import { setupTestDb } from "../testing/setup-test-db";
import { GRANT_CHANGE_RETENTION_MS, grantChangePruneJob, markGrantsChanged } from "./changes";
import { startEnforcementApi, type EnforcementApi } from "./http";
import { createDecisionServer } from "./node-server";
import { revokeApiKey } from "./service";

const t = setupTestDb();

/** One portal instance: its own database pool, grant cache and HTTP server. */
type Instance = { db: Db; api: EnforcementApi; server: Server; url: string };
const instances: Instance[] = [];
let key: string;

async function startInstance(): Promise<Instance> {
  const db = createPrismaClient(t.url, { poolSize: 3 });
  const api = await startEnforcementApi(db);
  const server = createDecisionServer(api);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const instance = {
    db,
    api,
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  };
  instances.push(instance);
  return instance;
}

beforeAll(async () => {
  key = (await createApiKeyRow(t.db, { name: "test gateway" })).key;
  await startInstance();
  await startInstance();
});

afterAll(async () => {
  for (const i of instances) {
    await i.api.grants.stop();
    await new Promise((resolve) => i.server.close(resolve));
    await i.db.$disconnect();
  }
});

const auth = (k = key) => ({ Authorization: `Bearer ${k}` });

async function decision(
  instance: Instance,
  body: unknown,
  headers: Record<string, string> = auth(),
) {
  const res = await fetch(`${instance.url}/api/v1/decisions`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const readObservation = (clientId: string) => ({
  clientId,
  request: { method: "GET", path: "/Observation", query: "patient=p1" },
});

/** Writes a change the way services do: the change and markGrantsChanged in one transaction. */
async function changeInTransaction(
  appIds: string[],
  write: (tx: Parameters<Parameters<Db["$transaction"]>[0]>[0]) => Promise<unknown>,
) {
  await t.db.$transaction(async (tx) => {
    await write(tx);
    await markGrantsChanged(tx, appIds);
  });
}

/** Polls every instance until each answers `allow`; returns the slowest instance's time. */
async function propagation(clientId: string, allow: boolean): Promise<number> {
  const started = performance.now();
  const times = await Promise.all(
    instances.map(async (instance) => {
      for (;;) {
        const { body } = await decision(instance, readObservation(clientId));
        if (body.allow === allow) return performance.now() - started;
        if (performance.now() - started > 3000) return Infinity;
        await new Promise((r) => setTimeout(r, 10));
      }
    }),
  );
  return Math.max(...times);
}

describe("API keys", () => {
  it("answers 401 and nothing else to a missing, malformed, unknown or revoked key", async () => {
    const app = await createApp(t.db, { granted: ["user/Observation.rs"] });
    const revoked = await createApiKeyRow(t.db, { revoked: true });
    for (const headers of [
      {},
      auth("nope"),
      auth(`swk_000000000000_${"A".repeat(43)}`),
      auth(revoked.key),
      { Authorization: key },
    ]) {
      const res = await decision(instances[0]!, readObservation(app.clientId), headers);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: "UNAUTHORIZED", message: expect.any(String) } });
    }
  });

  it("stops working on every instance within a second of revocation, and records last use", async () => {
    const admin = await createUser(t.db, { role: "admin" });
    const gateway = await createApiKeyRow(t.db);
    const app = await createApp(t.db, { granted: ["user/Observation.rs"] });
    for (const i of instances)
      expect((await decision(i, readObservation(app.clientId), auth(gateway.key))).status).toBe(
        200,
      );
    // The last use is written after the answer, off the request's path.
    await expect
      .poll(
        async () => (await t.db.apiKey.findUniqueOrThrow({ where: { id: gateway.id } })).lastUsedAt,
      )
      .not.toBeNull();

    await revokeApiKey(t.db, admin, { id: gateway.id });
    const started = performance.now();
    for (const i of instances) {
      while ((await decision(i, readObservation(app.clientId), auth(gateway.key))).status !== 401) {
        expect(performance.now() - started).toBeLessThan(1500);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    expect(
      await t.db.auditEvent.count({ where: { action: "api_key.revoked", entityId: gateway.id } }),
    ).toBe(1);
  });
});

describe("GET /api/v1/clients/{clientId}/grants", () => {
  it("lists live grants in canonical form with an ETag, and answers 304 when nothing changed", async () => {
    const app = await createApp(t.db, {
      granted: ["patient/Observation.rs", "openid", "launch/patient"],
      pending: ["system/Patient.rs"],
    });
    const res = await fetch(`${instances[0]!.url}/api/v1/clients/${app.clientId}/grants`, {
      headers: auth(),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      clientId: app.clientId,
      appStatus: "active",
      partnerStatus: "active",
      scopes: ["launch/patient", "openid", "patient/Observation.rs"],
      grants: ["launch/patient", "openid", "patient/Observation.rs"].map((scope) => ({
        scope,
        expiresAt: null,
        lastUsedAt: null,
      })),
      version: 1,
    });
    const etag = res.headers.get("etag")!;
    expect(etag).toBe('"1"');

    const again = await fetch(`${instances[1]!.url}/api/v1/clients/${app.clientId}/grants`, {
      headers: { ...auth(), "If-None-Match": etag },
    });
    expect(again.status).toBe(304);

    await changeInTransaction([app.id], (tx) =>
      tx.appScope.updateMany({
        where: { appId: app.id, scope: "openid" },
        data: { state: "revoked" },
      }),
    );
    await expect
      .poll(
        async () =>
          (
            await fetch(`${instances[1]!.url}/api/v1/clients/${app.clientId}/grants`, {
              headers: { ...auth(), "If-None-Match": etag },
            })
          ).status,
        { timeout: 1000, interval: 20 },
      )
      .toBe(200);
  });

  it("answers a suspended app or partner with its status and no scopes, and an unknown client with 404", async () => {
    const app = await createApp(t.db, { granted: ["user/Observation.rs"], status: "suspended" });
    const body = await (
      await fetch(`${instances[0]!.url}/api/v1/clients/${app.clientId}/grants`, { headers: auth() })
    ).json();
    expect(body).toMatchObject({ appStatus: "suspended", partnerStatus: "active", scopes: [] });

    const other = await createApp(t.db, { granted: ["user/Observation.rs"] });
    await t.db.organization.update({
      where: { id: other.organizationId },
      data: { status: "suspended" },
    });
    const partner = await (
      await fetch(`${instances[0]!.url}/api/v1/clients/${other.clientId}/grants`, {
        headers: auth(),
      })
    ).json();
    expect(partner).toMatchObject({
      appStatus: "suspended",
      partnerStatus: "suspended",
      scopes: [],
    });

    const unknown = await fetch(`${instances[0]!.url}/api/v1/clients/swc_unknown/grants`, {
      headers: auth(),
    });
    expect(unknown.status).toBe(404);
  });
});

describe("POST /api/v1/decisions", () => {
  it("decides from the client's live grants and the token's scopes", async () => {
    const app = await createApp(t.db, { granted: ["patient/Observation.rs", "launch/patient"] });
    const allowed = await decision(instances[0]!, {
      ...readObservation(app.clientId),
      tokenScopes: "patient/Observation.read launch/patient",
    });
    expect(allowed).toEqual({
      status: 200,
      body: {
        allow: true,
        reason: expect.stringMatching(/patient context/),
        required: "patient/Observation.s",
        matchedScope: "patient/Observation.rs",
      },
    });
    const narrowToken = await decision(instances[0]!, {
      ...readObservation(app.clientId),
      tokenScopes: "patient/Patient.rs",
    });
    expect(narrowToken.body).toMatchObject({ allow: false, matchedScope: null });
    const write = await decision(instances[0]!, {
      clientId: app.clientId,
      request: { method: "DELETE", path: "/Patient/p1/Observation" },
    });
    expect(write.body.allow).toBe(false);
  });

  it("refuses bad input with a message: 400, 404, 413 and 415", async () => {
    const app = await createApp(t.db, { granted: ["user/Observation.rs"] });
    const i = instances[0]!;
    const malformed = await fetch(`${i.url}/api/v1/decisions`, {
      method: "POST",
      headers: { ...auth(), "Content-Type": "application/json" },
      body: "{not json",
    });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.message).toMatch(/not valid JSON/);
    const wrong = await decision(i, {
      clientId: app.clientId,
      request: { method: "GET" },
      extra: 1,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.issues.map((x: { message: string }) => x.message).join(" ")).toMatch(
      /Unknown field\(s\): extra/,
    );
    expect((await decision(i, readObservation("swc_nobody"))).status).toBe(404);
    const text = await fetch(`${i.url}/api/v1/decisions`, {
      method: "POST",
      headers: { ...auth(), "Content-Type": "text/plain" },
      body: "{}",
    });
    expect(text.status).toBe(415);
    expect(
      await postChunked(
        i.url,
        JSON.stringify({
          clientId: app.clientId,
          tokenScopes: "x ".repeat(10_000),
          request: { method: "GET", path: "/" },
        }),
      ),
    ).toBe(413);
  });
});

/** Sends a body in chunks without Content-Length, so only the byte cap can stop it. */
function postChunked(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}/api/v1/decisions`,
      {
        method: "POST",
        headers: { ...auth(), "Content-Type": "application/json", "Transfer-Encoding": "chunked" },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    for (let offset = 0; offset < body.length; offset += 1000)
      req.write(body.slice(offset, offset + 1000));
    req.end();
  });
}

describe("freshness across instances", () => {
  it("reflects an approval, a revocation and a suspension in every instance's decisions within a second", async () => {
    const app = await createApp(t.db, { pending: ["patient/Observation.rs"] });
    const timings: Record<string, number> = {};
    // Both instances have the client cached (denied) before the change.
    for (const i of instances)
      expect((await decision(i, readObservation(app.clientId))).body.allow).toBe(false);

    await changeInTransaction([app.id], (tx) =>
      tx.appScope.updateMany({
        where: { appId: app.id },
        data: { state: "granted", grantedAt: new Date() },
      }),
    );
    timings.approval = await propagation(app.clientId, true);

    await changeInTransaction([app.id], (tx) =>
      tx.app.update({ where: { id: app.id }, data: { status: "suspended" } }),
    );
    timings.appSuspension = await propagation(app.clientId, false);

    await changeInTransaction([app.id], (tx) =>
      tx.app.update({ where: { id: app.id }, data: { status: "active" } }),
    );
    expect(await propagation(app.clientId, true)).toBeLessThan(1000);

    const orgApps = await t.db.app.findMany({
      where: { organizationId: app.organizationId },
      select: { id: true },
    });
    await changeInTransaction(
      orgApps.map((a) => a.id),
      (tx) =>
        tx.organization.update({
          where: { id: app.organizationId },
          data: { status: "suspended" },
        }),
    );
    timings.partnerSuspension = await propagation(app.clientId, false);

    await changeInTransaction(
      orgApps.map((a) => a.id),
      (tx) =>
        tx.organization.update({ where: { id: app.organizationId }, data: { status: "active" } }),
    );
    expect(await propagation(app.clientId, true)).toBeLessThan(1000);

    await changeInTransaction([app.id], (tx) =>
      tx.appScope.updateMany({ where: { appId: app.id }, data: { state: "revoked" } }),
    );
    timings.revocation = await propagation(app.clientId, false);

    console.info(
      `grant-change propagation to 2 instances (${t.backend}):`,
      Object.entries(timings)
        .map(([k, v]) => `${k} ${v.toFixed(0)} ms`)
        .join(", "),
    );
    for (const ms of Object.values(timings)) expect(ms).toBeLessThan(1000);
  });

  it("keeps serving fresh answers when a change races a cache fill", async () => {
    const app = await createApp(t.db, { pending: ["patient/Observation.rs"] });
    const i = instances[0]!;
    // Fill and change at the same time, many times: the cache must never keep the pre-change state.
    const fills = Array.from({ length: 20 }, () =>
      i.api.decide(app.clientId, null, readObservation(app.clientId).request),
    );
    await changeInTransaction([app.id], (tx) =>
      tx.appScope.updateMany({ where: { appId: app.id }, data: { state: "granted" } }),
    );
    await Promise.all(fills);
    expect(await propagation(app.clientId, true)).toBeLessThan(1000);
  });

  it("steps aside and reads the database when polling stalls", async () => {
    const db = createPrismaClient(t.url, { poolSize: 2 });
    let now = 0;
    const api = await startEnforcementApi(db, { cache: { pollMs: 60_000, now: () => now } });
    try {
      const app = await createApp(t.db, { pending: ["patient/Observation.rs"] });
      expect(
        (await api.decide(app.clientId, null, readObservation(app.clientId).request))?.allow,
      ).toBe(false);
      expect(api.grants.size).toBeGreaterThan(0);
      await changeInTransaction([app.id], (tx) =>
        tx.appScope.updateMany({ where: { appId: app.id }, data: { state: "granted" } }),
      );
      // No poll has run: within the staleness bound the cached (old) answer stands…
      expect(
        (await api.decide(app.clientId, null, readObservation(app.clientId).request))?.allow,
      ).toBe(false);
      // …and past it the cache is bypassed.
      now += 1500;
      expect(api.grants.isFresh()).toBe(false);
      expect(
        (await api.decide(app.clientId, null, readObservation(app.clientId).request))?.allow,
      ).toBe(true);
    } finally {
      await api.grants.stop();
      await db.$disconnect();
    }
  });
});

describe("the change-log prune job", () => {
  it("drops rows older than the retention, keeps newer ones and the newest, and decisions stay right", async () => {
    const app = await createApp(t.db, { granted: ["patient/Observation.rs"] });
    await changeInTransaction([app.id], async () => {});
    await changeInTransaction([app.id], async () => {});
    const newest = await t.db.grantChange.findFirstOrThrow({ orderBy: { seq: "desc" } });
    const total = await t.db.grantChange.count();
    // A clock two retentions ahead: everything is old, but the newest change stays.
    await grantChangePruneJob.run({
      db: t.db,
      now: () => new Date(Date.now() + 2 * GRANT_CHANGE_RETENTION_MS),
    });
    const left = await t.db.grantChange.findMany();
    expect(total).toBeGreaterThan(1);
    expect(left.map((r) => r.seq)).toEqual([newest.seq]);
    // Today's clock: nothing is old enough.
    await changeInTransaction([app.id], async () => {});
    await grantChangePruneJob.run({ db: t.db, now: () => new Date() });
    expect(await t.db.grantChange.count()).toBe(2);
    for (const i of instances)
      expect((await decision(i, readObservation(app.clientId))).body.allow).toBe(true);
  });
});
