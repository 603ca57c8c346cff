// A reviewer's revoke and an admin's campaign close queue webhooks in their transaction; the
// pipeline's after-response hook must send them at once, not leave them to the minutely job.
// Runs the real actions through the pipeline's core with a test edge and a real HTTP receiver.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp, createOrganization, createUser } from "@/prisma/factories";
import type { CurrentUser } from "@/lib/auth/current-user";
import { runAction, type ActionEdge } from "@/lib/server/action";
import { definitionOf } from "@/lib/server/action-client";
import { flushOutboxes } from "@/lib/server/after-response";
import { setupTestDb } from "@/lib/testing/setup-test-db";
import type { Actor } from "@/lib/actor";
import { startReceiver } from "@/lib/webhooks/test-receiver.test-util";

vi.mock("server-only", () => ({}));

const t = setupTestDb();
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let actions: typeof import("./actions");
let adminActions: typeof import("../../(admin)/admin/reviews/actions");

beforeAll(async () => {
  receiver = await startReceiver();
  Object.assign(process.env, { DATABASE_URL: t.url, NEXTAUTH_SECRET: "s".repeat(40) });
  Object.assign(globalThis, { scopewardenDb: t.db });
  actions = await import("./actions");
  adminActions = await import("../../(admin)/admin/reviews/actions");
  const { createWebhookEndpoint } = await import("@/lib/webhooks/service");
  const { getWebhookKey } = await import("@/lib/webhooks/keys");
  const admin = (await createUser(t.db, { role: "admin" })) as Actor;
  await createWebhookEndpoint(
    t.db,
    admin,
    { url: receiver.url("/hooks"), events: ["grant.revoked", "review.closed"] },
    { key: getWebhookKey() },
  );
});

afterAll(async () => {
  await receiver?.close();
  Object.assign(globalThis, { scopewardenDb: undefined });
});

const asCurrent = (actor: Actor): CurrentUser => ({
  ...actor,
  organization: null,
  sessionId: "00000000-0000-4000-8000-000000000000",
});

/** The app's edge, except that the hook runs before the call returns instead of after the response. */
const edgeFor = (actor: Actor, afterResponse: ActionEdge["afterResponse"] = flushOutboxes) => ({
  getUser: async () => asCurrent(actor),
  revalidate: () => {},
  ip: async () => null,
  afterResponse,
});

/** One partner's grant in an open campaign, assigned to a new reviewer. */
async function openItem() {
  const admin = (await createUser(t.db, { role: "admin" })) as Actor;
  const reviewer = (await createUser(t.db, { role: "reviewer" })) as Actor;
  const org = await createOrganization(t.db);
  const app = await createApp(t.db, { organizationId: org.id, granted: ["system/Coverage.rs"] });
  const schedule = await t.db.reviewSchedule.create({
    data: {
      name: `Review of ${org.name}`,
      cadence: "quarterly",
      scopeFilter: "organization",
      organizationId: org.id,
      assignment: "named",
      reviewerIds: [reviewer.id],
      dueInDays: 14,
      reminderDaysBefore: 3,
      closeAction: "flag",
      nextRunAt: new Date("2030-01-01T00:00:00Z"),
    },
  });
  const opened = await runAction(
    definitionOf(adminActions.openCampaignAction)!,
    { scheduleId: schedule.id },
    edgeFor(admin),
  );
  expect(opened).toMatchObject({ status: "success" });
  const campaign = await t.db.reviewCampaign.findFirstOrThrow({
    where: { scheduleId: schedule.id },
  });
  const item = await t.db.reviewItem.findFirstOrThrow({ where: { campaignId: campaign.id } });
  return { admin, reviewer, item, appId: app.id };
}

/** What the receiver got of one event type about one app or campaign. */
const received = (type: string, id: string) =>
  receiver.received.filter((r) => r.body.includes(`"type":"${type}"`) && r.body.includes(id));

const deliveryOf = async (type: string, id: string) =>
  (await t.db.webhookDelivery.findMany({ where: { eventType: type } })).find((d) =>
    JSON.stringify(d.payload).includes(id),
  );

describe("the after-response hook", () => {
  it("delivers a reviewer's revoke webhook before the action's call is over", async () => {
    const { reviewer, item, appId } = await openItem();
    const result = await runAction(
      definitionOf(actions.decideItemAction)!,
      { kind: "revoke", itemId: item.id, reason: "No longer used by the app." },
      edgeFor(reviewer),
    );
    expect(result).toMatchObject({ status: "success", data: { decision: "revoked" } });
    expect(received("grant.revoked", appId)).toHaveLength(1);
    expect(await deliveryOf("grant.revoked", appId)).toMatchObject({
      status: "succeeded",
      responseCode: 200,
    });
  });

  it("delivers review.closed when an admin closes the campaign", async () => {
    const { admin, item } = await openItem();
    const result = await runAction(
      definitionOf(adminActions.closeCampaignAction)!,
      { campaignId: item.campaignId },
      edgeFor(admin),
    );
    expect(result).toMatchObject({ status: "success" });
    expect(received("review.closed", item.campaignId)).toHaveLength(1);
  });

  it("is what sends them: without it the revoke's delivery is still waiting", async () => {
    const { reviewer, item, appId } = await openItem();
    const result = await runAction(
      definitionOf(actions.decideItemAction)!,
      { kind: "revoke", itemId: item.id, reason: "No longer used by the app." },
      edgeFor(reviewer, () => {}),
    );
    expect(result).toMatchObject({ status: "success" });
    expect(received("grant.revoked", appId)).toHaveLength(0);
    expect((await deliveryOf("grant.revoked", appId))?.status).toBe("pending");
    await flushOutboxes(); // leave nothing due for the next test
  });
});
