import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, createUser } from "../../prisma/factories";
import type { Actor } from "../actor";
import { createPrismaClient } from "../database/client";
import { setupTestDb } from "../testing/setup-test-db";
import { dispatchDueDeliveries } from "./dispatcher";
import { queueWebhookEvent } from "./outbox";
import { deriveWebhookKey } from "./secrets";
import { createWebhookEndpoint, rotateWebhookSecret, setWebhookEndpointActive } from "./service";
import { verifyWebhookSignature } from "./signature";
import { startReceiver } from "./test-receiver.test-util";

const t = setupTestDb();
const key = deriveWebhookKey("dispatcher-test-key-material-of-32-chars");
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver((path) =>
    path.startsWith("/down") ? 500 : path.startsWith("/slow") ? "hang" : 200,
  );
});
afterAll(() => receiver.close());

const admin = async () => (await createUser(t.db, { role: "admin" })) as Actor;

/** A partner's endpoint (so other tests' events do not reach it) and one queued event for it. */
async function endpointWithEvent(path: string, count = 1) {
  const owner = (await createUser(t.db, { role: "partner" })) as Actor;
  const { endpoint, secret } = await createWebhookEndpoint(
    t.db,
    owner,
    { url: receiver.url(path), events: ["grant.revoked"] },
    { key },
  );
  const app = await createApp(t.db, { organizationId: owner.organizationId! });
  for (let i = 0; i < count; i++) {
    await t.db.$transaction((tx) =>
      queueWebhookEvent(tx, {
        type: "grant.revoked",
        organizationId: app.organizationId,
        appId: app.id,
        data: { scope: "system/Patient.rs", n: i },
      }),
    );
  }
  return { endpoint, secret, owner };
}

const deliveriesOf = (endpointId: string) =>
  t.db.webhookDelivery.findMany({ where: { endpointId }, orderBy: { createdAt: "asc" } });

describe("the webhook dispatcher", () => {
  it("by default refuses a target that is, or resolves to, a private or loopback address, and sends nothing", async () => {
    const { endpoint } = await endpointWithEvent("/internal");
    const before = receiver.received.length;
    await dispatchDueDeliveries(t.db, { key });
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, responseCode: null });
    expect(delivery!.lastError).toBe(
      "Refused: 127.0.0.1 is a loopback address. Internal targets are allowed only with OUTBOUND_ALLOW_PRIVATE_TARGETS=true.",
    );
    expect(receiver.received.length).toBe(before);
    // A public-looking name that resolves inside is refused too.
    await t.db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { url: "https://hooks.partner.example/x" },
    });
    await t.db.webhookDelivery.update({
      where: { id: delivery!.id },
      data: { nextAttemptAt: new Date(0) },
    });
    await dispatchDueDeliveries(t.db, { key, resolve: async () => ["93.184.216.34", "10.1.2.3"] });
    expect((await deliveriesOf(endpoint.id))[0]!.lastError).toContain(
      "hooks.partner.example resolves to 10.1.2.3, a private address",
    );
  });

  it("POSTs a signed body and records a 2xx as succeeded", async () => {
    const { endpoint, secret } = await endpointWithEvent("/ok");
    const result = await dispatchDueDeliveries(t.db, { allowPrivateTargets: true, key });
    expect(result.succeeded).toBeGreaterThanOrEqual(1);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({
      status: "succeeded",
      responseCode: 200,
      attempts: 1,
      lastError: null,
      nextAttemptAt: null,
      dispatchedAt: null,
    });
    const request = receiver.received.find(
      (r) => r.headers["scopewarden-delivery"] === delivery!.id,
    )!;
    expect(request.headers["scopewarden-event"]).toBe("grant.revoked");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request.body)).toMatchObject({
      type: "grant.revoked",
      data: { scope: "system/Patient.rs" },
    });
    expect(
      verifyWebhookSignature({
        header: request.headers["scopewarden-signature"] as string,
        rawBody: request.body,
        secrets: secret,
      }),
    ).toMatchObject({ ok: true });
    // Nothing is sent twice.
    const before = receiver.received.length;
    await dispatchDueDeliveries(t.db, { allowPrivateTargets: true, key });
    expect(
      receiver.received.filter((r) => r.headers["scopewarden-delivery"] === delivery!.id),
    ).toHaveLength(1);
    expect(receiver.received.length).toBeGreaterThanOrEqual(before);
  });

  it("schedules a retry with backoff after a 500, and gives up after the 6th attempt", async () => {
    const { endpoint } = await endpointWithEvent("/down");
    let now = new Date();
    const clock = () => now;
    await dispatchDueDeliveries(t.db, { allowPrivateTargets: true, key, now: clock });
    let [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({
      status: "pending",
      attempts: 1,
      responseCode: 500,
      lastError: "HTTP 500 Internal Server Error",
    });
    expect(delivery!.nextAttemptAt!.getTime() - now.getTime()).toBe(60_000);

    await dispatchDueDeliveries(t.db, { allowPrivateTargets: true, key, now: clock }); // not due yet
    expect((await deliveriesOf(endpoint.id))[0]!.attempts).toBe(1);

    const waits: number[] = [];
    for (let attempt = 2; attempt <= 6; attempt++) {
      now = new Date((await deliveriesOf(endpoint.id))[0]!.nextAttemptAt!.getTime());
      await dispatchDueDeliveries(t.db, { allowPrivateTargets: true, key, now: clock });
      [delivery] = await deliveriesOf(endpoint.id);
      expect(delivery!.attempts).toBe(attempt);
      if (delivery!.nextAttemptAt)
        waits.push((delivery!.nextAttemptAt.getTime() - now.getTime()) / 60_000);
    }
    expect(waits).toEqual([5, 30, 120, 720]);
    expect(delivery).toMatchObject({
      status: "failed",
      attempts: 6,
      nextAttemptAt: null,
      responseCode: 500,
    });
  });

  it("records a timeout or a refused connection as an error without a response code", async () => {
    const { endpoint } = await endpointWithEvent("/slow");
    await dispatchDueDeliveries(t.db, { allowPrivateTargets: true, key, timeoutMs: 300 });
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({
      status: "pending",
      attempts: 1,
      responseCode: null,
      lastError: "No response within 0.3 s.",
    });

    const refusing = (await createUser(t.db, { role: "partner" })) as Actor;
    const gone = await startReceiver();
    const closedUrl = gone.url("/hook");
    await gone.close();
    const { endpoint: closed } = await createWebhookEndpoint(
      t.db,
      refusing,
      { url: closedUrl, events: ["app.suspended"] },
      { key },
    );
    await t.db.$transaction((tx) =>
      queueWebhookEvent(tx, {
        type: "app.suspended",
        organizationId: refusing.organizationId,
        appId: null,
        data: {},
      }),
    );
    await dispatchDueDeliveries(t.db, { allowPrivateTargets: true, key });
    expect((await deliveriesOf(closed.id))[0]).toMatchObject({
      status: "pending",
      attempts: 1,
      responseCode: null,
      lastError: expect.stringContaining("ECONNREFUSED"),
    });
  });

  it("delivers each event once when two dispatchers run at the same time", async () => {
    const { endpoint } = await endpointWithEvent("/ok-parallel", 24);
    const second = createPrismaClient(t.url, { poolSize: 3 });
    const started = Date.now();
    try {
      const [a, b] = await Promise.all([
        dispatchDueDeliveries(t.db, { allowPrivateTargets: true, key, batchSize: 5 }),
        dispatchDueDeliveries(second, { allowPrivateTargets: true, key, batchSize: 5 }),
      ]);
      expect(a.attempted + b.attempted).toBeGreaterThanOrEqual(24);
      console.info(
        `[${t.backend}] two dispatchers sent 24 deliveries in ${Date.now() - started} ms (${a.attempted} + ${b.attempted})`,
      );
    } finally {
      await second.$disconnect();
    }
    const deliveries = await deliveriesOf(endpoint.id);
    expect(deliveries.every((d) => d.status === "succeeded" && d.attempts === 1)).toBe(true);
    const hits = receiver.received
      .filter((r) => r.path === "/ok-parallel")
      .map((r) => r.headers["scopewarden-delivery"]);
    expect(hits).toHaveLength(24);
    expect(new Set(hits).size).toBe(24);
  });

  it("signs with the old secret too for 24 hours after a rotation", async () => {
    const { endpoint, secret: oldSecret, owner } = await endpointWithEvent("/ok-rotated");
    const { secret: newSecret } = await rotateWebhookSecret(t.db, owner, endpoint.id, { key });
    await dispatchDueDeliveries(t.db, { allowPrivateTargets: true, key });
    const request = receiver.received.find((r) => r.path === "/ok-rotated")!;
    const header = request.headers["scopewarden-signature"] as string;
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verifyWebhookSignature({ header, rawBody: request.body, secrets: oldSecret }).ok).toBe(
      true,
    );
    expect(verifyWebhookSignature({ header, rawBody: request.body, secrets: newSecret }).ok).toBe(
      true,
    );

    // A day later only the new secret signs.
    await t.db.$transaction((tx) =>
      queueWebhookEvent(tx, {
        type: "grant.revoked",
        organizationId: owner.organizationId,
        appId: null,
        data: {},
      }),
    );
    await dispatchDueDeliveries(t.db, {
      allowPrivateTargets: true,
      key,
      timeoutMs: 300,
      now: () => new Date(Date.now() + 24 * 3600_000 + 1000),
    });
    const later = receiver.received.filter((r) => r.path === "/ok-rotated")[1]!;
    expect((later.headers["scopewarden-signature"] as string).match(/v1=/g)).toHaveLength(1);
  });

  it("holds deliveries for a disabled endpoint until it is enabled again", async () => {
    const { endpoint, owner } = await endpointWithEvent("/ok-paused");
    await setWebhookEndpointActive(t.db, owner, endpoint.id, false);
    await dispatchDueDeliveries(t.db, { allowPrivateTargets: true, key });
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: "pending", attempts: 0 });
    await setWebhookEndpointActive(t.db, await admin(), endpoint.id, true);
    await dispatchDueDeliveries(t.db, { allowPrivateTargets: true, key });
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({
      status: "succeeded",
      attempts: 1,
    });
  });
});
