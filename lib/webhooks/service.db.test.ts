import { describe, expect, it } from "vitest";
import { createApp, createUser } from "../../prisma/factories";
import type { Actor } from "../actor";
import { verifyAuditChain } from "../audit/verify";
import { AppError } from "../errors";
import { setupTestDb } from "../testing/setup-test-db";
import { queueWebhookEvent } from "./outbox";
import { findEndpoints, getEndpointFor } from "./queries";
import { decryptSecret, deriveWebhookKey } from "./secrets";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  redeliverWebhook,
  rotateWebhookSecret,
  sendTestWebhook,
  setWebhookEndpointActive,
} from "./service";

const t = setupTestDb();
const key = deriveWebhookKey("service-test-key-material-of-32-chars!!");
const deps = { key };
const partner = async () => (await createUser(t.db, { role: "partner" })) as Actor;

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("webhook endpoints", () => {
  it("stores the secret encrypted, returns it once, and audits the creation", async () => {
    const admin = (await createUser(t.db, { role: "admin" })) as Actor;
    const { endpoint, secret } = await createWebhookEndpoint(
      t.db,
      admin,
      {
        url: "https://gw.example.com/hooks",
        description: "Gateway",
        events: ["grant.revoked", "grant.approved"],
      },
      deps,
    );
    expect(secret).toMatch(/^whsec_/);
    const row = await t.db.webhookEndpoint.findUniqueOrThrow({
      where: { id: endpoint.id },
      select: { secretCiphertext: true, organizationId: true, events: true },
    });
    expect(row.secretCiphertext).not.toContain(secret);
    expect(decryptSecret(row.secretCiphertext, key)).toBe(secret);
    expect(row).toMatchObject({
      organizationId: null,
      events: ["grant.approved", "grant.revoked"],
    });
    const audit = await t.db.auditEvent.findFirstOrThrow({
      where: { entityId: endpoint.id, action: "webhook.created" },
    });
    expect(JSON.stringify([audit.before, audit.after])).not.toContain(secret.slice(6));
  });

  it("keeps partners to their own organisation's endpoints and apps", async () => {
    const alice = await partner();
    const bob = await partner();
    const bobsApp = await createApp(t.db, { organizationId: bob.organizationId! });
    expect(
      (
        await failure(
          createWebhookEndpoint(
            t.db,
            alice,
            { url: "https://a.example/h", events: ["grant.approved"], appId: bobsApp.id },
            deps,
          ),
        )
      ).code,
    ).toBe("INVALID_INPUT");
    const { endpoint } = await createWebhookEndpoint(
      t.db,
      bob,
      { url: "https://b.example/h", events: ["grant.approved"], appId: bobsApp.id },
      deps,
    );

    for (const attempt of [
      () => getEndpointFor(t.db, alice, endpoint.id),
      () => rotateWebhookSecret(t.db, alice, endpoint.id, deps),
      () => setWebhookEndpointActive(t.db, alice, endpoint.id, false),
      () => sendTestWebhook(t.db, alice, endpoint.id),
      () => deleteWebhookEndpoint(t.db, alice, endpoint.id),
    ]) {
      expect((await failure(attempt())).code).toBe("NOT_FOUND");
    }
    expect(await findEndpoints(t.db, { organizationId: alice.organizationId! })).toEqual([]);
    expect(
      (await findEndpoints(t.db, { organizationId: bob.organizationId! })).map((e) => e.id),
    ).toEqual([endpoint.id]);
    const reviewer = (await createUser(t.db, { role: "reviewer" })) as Actor;
    expect(
      (
        await failure(
          createWebhookEndpoint(
            t.db,
            reviewer,
            { url: "https://r.example/h", events: ["grant.approved"] },
            deps,
          ),
        )
      ).code,
    ).toBe("FORBIDDEN");
  });

  it("sends a partner only its own organisation's events (and only its app's, when limited to one)", async () => {
    const owner = await partner();
    const [appA, appB] = [
      await createApp(t.db, { organizationId: owner.organizationId! }),
      await createApp(t.db, { organizationId: owner.organizationId! }),
    ];
    const { endpoint: all } = await createWebhookEndpoint(
      t.db,
      owner,
      { url: "https://o.example/all", events: ["grant.revoked"] },
      deps,
    );
    const { endpoint: onlyA } = await createWebhookEndpoint(
      t.db,
      owner,
      { url: "https://o.example/a", events: ["grant.revoked"], appId: appA.id },
      deps,
    );
    const other = await createApp(t.db);
    for (const app of [appA, appB, other]) {
      await t.db.$transaction((tx) =>
        queueWebhookEvent(tx, {
          type: "grant.revoked",
          organizationId: app.organizationId,
          appId: app.id,
          data: { appId: app.id },
        }),
      );
    }
    expect(await t.db.webhookDelivery.count({ where: { endpointId: all.id } })).toBe(2);
    expect(
      await t.db.webhookDelivery.findMany({
        where: { endpointId: onlyA.id },
        select: { payload: true },
      }),
    ).toEqual([{ payload: expect.objectContaining({ data: { appId: appA.id } }) }]);
  });

  it("rotates, disables, tests, redelivers and deletes, each audited, and the chain stays intact", async () => {
    const owner = await partner();
    const { endpoint } = await createWebhookEndpoint(
      t.db,
      owner,
      { url: "https://o.example/x", events: ["app.suspended"] },
      deps,
    );
    const { secret } = await rotateWebhookSecret(t.db, owner, endpoint.id, deps);
    const rotated = await t.db.webhookEndpoint.findUniqueOrThrow({
      where: { id: endpoint.id },
      select: { secretCiphertext: true, previousSecretExpiresAt: true },
    });
    expect(decryptSecret(rotated.secretCiphertext, key)).toBe(secret);
    expect(rotated.previousSecretExpiresAt!.getTime() - Date.now()).toBeGreaterThan(
      23.9 * 3600_000,
    );

    await setWebhookEndpointActive(t.db, owner, endpoint.id, false);
    expect((await failure(sendTestWebhook(t.db, owner, endpoint.id))).code).toBe("CONFLICT");
    await setWebhookEndpointActive(t.db, owner, endpoint.id, true);
    const test = await sendTestWebhook(t.db, owner, endpoint.id);
    expect((await failure(redeliverWebhook(t.db, owner, test.id))).code).toBe("CONFLICT"); // still pending
    await t.db.webhookDelivery.update({
      where: { id: test.id },
      data: { status: "failed", attempts: 6, nextAttemptAt: null },
    });
    const copy = await redeliverWebhook(t.db, owner, test.id);
    expect(await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: copy.id } })).toMatchObject({
      status: "pending",
      attempts: 0,
      eventType: "webhook.test",
    });

    await deleteWebhookEndpoint(t.db, owner, endpoint.id);
    expect(await t.db.webhookEndpoint.count({ where: { id: endpoint.id } })).toBe(0);
    const actions = (
      await t.db.auditEvent.findMany({ where: { entityId: endpoint.id }, orderBy: { seq: "asc" } })
    ).map((e) => e.action);
    expect(actions).toEqual([
      "webhook.created",
      "webhook.secret_rotated",
      "webhook.disabled",
      "webhook.enabled",
      "webhook.test_sent",
      "webhook.redelivered",
      "webhook.deleted",
    ]);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});

describe("portal-wide events", () => {
  it("are not offered to partners", async () => {
    const owner = await partner();
    const error = await failure(
      createWebhookEndpoint(
        t.db,
        owner,
        { url: "https://o.example/r", events: ["review.closed", "grant.approved"] },
        deps,
      ),
    );
    expect(error).toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining("review.closed"),
    });
  });
});

describe("internal targets", () => {
  const refusing = (answers: Record<string, string[]>) => ({
    key,
    outbound: {
      allowPrivateTargets: false,
      resolve: async (host: string) => {
        if (!answers[host]) throw Object.assign(new Error("no such host"), { code: "ENOTFOUND" });
        return answers[host]!;
      },
    },
  });

  it.each([
    [
      "https://[::ffff:127.0.0.1]/hook",
      "::ffff:7f00:1 is the IPv4-mapped form of 127.0.0.1, a loopback address",
    ],
    [
      "https://[64:ff9b::a9fe:a9fe]/",
      "64:ff9b::a9fe:a9fe is the NAT64 form of 169.254.169.254, a link-local address",
    ],
    ["https://2130706433/hook", "127.0.0.1 is a loopback address"],
    [
      "https://intranet.partner.example/hook",
      "intranet.partner.example resolves to 10.1.2.3, a private address",
    ],
  ])("are refused when the endpoint is saved, on the URL field: %s", async (url, reason) => {
    const owner = await partner();
    const error = await failure(
      createWebhookEndpoint(
        t.db,
        owner,
        { url, events: ["grant.revoked"] },
        refusing({ "intranet.partner.example": ["93.184.216.34", "10.1.2.3"] }),
      ),
    );
    const message = `This URL points inside the network: ${reason}. Use an endpoint on the public internet.`;
    expect(error).toMatchObject({
      code: "INVALID_INPUT",
      message,
      fieldErrors: { url: [message] },
    });
    expect(
      await t.db.webhookEndpoint.count({ where: { organizationId: owner.organizationId } }),
    ).toBe(0);
  });

  it("accept a public target, and report a host that does not resolve", async () => {
    const owner = await partner();
    const deps = refusing({ "hooks.partner.example": ["93.184.216.34"] });
    const { endpoint } = await createWebhookEndpoint(
      t.db,
      owner,
      { url: "https://hooks.partner.example/x", events: ["grant.revoked"] },
      deps,
    );
    expect(endpoint.url).toBe("https://hooks.partner.example/x");
    const error = await failure(
      createWebhookEndpoint(
        t.db,
        owner,
        { url: "https://typo.partner.example/x", events: ["grant.revoked"] },
        deps,
      ),
    );
    expect(error.fieldErrors).toEqual({
      url: ["Could not resolve typo.partner.example: ENOTFOUND. Check the host name."],
    });
  });
});
