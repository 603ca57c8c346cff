// The reviewer's item list: sorting, search and filters over the app and partner an item refers
// to, the page's context (still granted, earlier review), and what bulk certify may take.
import { beforeAll, describe, expect, it } from "vitest";
import { createApp, createOrganization, createUser } from "../../prisma/factories";
import { setupTestDb } from "../testing/setup-test-db";
import type { Actor } from "../actor";
import { closeCampaign } from "./close";
import { decideReviewItem } from "./decide";
import { openCampaignNow } from "./open";
import { findCampaignItems, findLowRiskPendingIds, getCampaignForReviewer } from "./queries";

const t = setupTestDb();
let reviewer: Actor;
let admin: Actor;
let campaignId: string;
let scheduleId: string;

const query = (over: Partial<Parameters<typeof findCampaignItems>[3]> = {}) => ({
  page: 1,
  perPage: 25,
  q: "",
  cursor: null,
  sort: { id: "scope" as const, desc: false },
  ...over,
});
const open = async () =>
  (await openCampaignNow(t.db, admin, { scheduleId: scheduleId })).campaignId;

beforeAll(async () => {
  reviewer = (await createUser(t.db, { role: "reviewer" })) as Actor;
  admin = (await createUser(t.db, { role: "admin" })) as Actor;
  const acme = await createOrganization(t.db, { name: "Acme 100% Health" });
  const beta = await createOrganization(t.db, { name: "Beta Care" });
  await createApp(t.db, {
    organizationId: acme.id,
    name: "zeta Tracker",
    granted: ["patient/Observation.rs", "system/Patient.rs"],
  });
  await createApp(t.db, {
    organizationId: beta.id,
    name: "Alpha Viewer",
    granted: ["user/Condition.rs"],
  });
  await t.db.appScope.updateMany({ where: { scope: "system/Patient.rs" }, data: { risk: "high" } });
  const schedule = await t.db.reviewSchedule.create({
    data: {
      name: "All grants",
      cadence: "quarterly",
      scopeFilter: "all",
      assignment: "named",
      reviewerIds: [reviewer.id],
      nextRunAt: new Date(),
    },
  });
  scheduleId = schedule.id;
  campaignId = await open();
});

describe("findCampaignItems", () => {
  it("sorts by app, partner, scope and risk, with stable pages", async () => {
    const scopes = async (sort: { id: "app" | "partner" | "scope" | "risk"; desc: boolean }) =>
      (await findCampaignItems(t.db, campaignId, reviewer.id, query({ sort }))).rows.map(
        (r) => `${r.app.name}: ${r.scope}`,
      );
    expect(await scopes({ id: "app", desc: false })).toEqual([
      "Alpha Viewer: user/Condition.rs",
      "zeta Tracker: patient/Observation.rs",
      "zeta Tracker: system/Patient.rs",
    ]);
    // A descending sort reverses the whole order, ties included (one index read backwards).
    expect(await scopes({ id: "partner", desc: true })).toEqual([
      "Alpha Viewer: user/Condition.rs",
      "zeta Tracker: system/Patient.rs",
      "zeta Tracker: patient/Observation.rs",
    ]);
    expect((await scopes({ id: "risk", desc: true }))[0]).toBe("zeta Tracker: system/Patient.rs");
    const second = await findCampaignItems(
      t.db,
      campaignId,
      reviewer.id,
      query({ perPage: 2, page: 2 }),
    );
    expect(second).toMatchObject({ total: 3, pageCount: 2 });
    expect(second.rows.map((r) => r.scope)).toEqual(["user/Condition.rs"]);
  });

  it("searches scopes as written, app and partner names in any case, and % literally", async () => {
    const found = async (q: string) =>
      (await findCampaignItems(t.db, campaignId, reviewer.id, query({ q }))).rows.map(
        (r) => r.scope,
      );
    expect(await found("Observation")).toEqual(["patient/Observation.rs"]);
    expect(await found("observation")).toEqual([]);
    expect(await found("ALPHA")).toEqual(["user/Condition.rs"]);
    expect(await found("acme")).toEqual(["patient/Observation.rs", "system/Patient.rs"]);
    expect(await found("100%")).toEqual(["patient/Observation.rs", "system/Patient.rs"]);
    expect(await found("1_0")).toEqual([]);
    expect(
      await findCampaignItems(t.db, campaignId, reviewer.id, query({ risk: "high" })),
    ).toMatchObject({
      total: 1,
      rows: [{ scope: "system/Patient.rs", partner: { name: "Acme 100% Health" } }],
    });
    const stranger = await createUser(t.db, { role: "reviewer" });
    expect((await findCampaignItems(t.db, campaignId, stranger.id, query())).total).toBe(0);
  });

  it("shows what changed since opening, earlier reviews, and what bulk certify may take", async () => {
    const lowRisk = await findLowRiskPendingIds(t.db, campaignId, reviewer.id);
    expect(lowRisk).toHaveLength(2);
    expect((await getCampaignForReviewer(t.db, campaignId, reviewer.id)).lowRiskPending).toBe(2);
    const rows = (await findCampaignItems(t.db, campaignId, reviewer.id, query())).rows;
    const condition = rows.find((r) => r.scope === "user/Condition.rs")!;
    await decideReviewItem(t.db, reviewer, {
      itemId: condition.id,
      kind: "revoke",
      reason: "Not needed any more",
    });
    expect(await findLowRiskPendingIds(t.db, campaignId, reviewer.id)).toHaveLength(1);
    await closeCampaign(t.db, admin, { campaignId });

    const next = await open();
    const page = await findCampaignItems(t.db, next, reviewer.id, query({ status: "pending" }));
    // The revoked grant is not live any more, so the next campaign does not include it.
    expect(page.rows.map((r) => r.scope)).toEqual(["patient/Observation.rs", "system/Patient.rs"]);
    const closed = await findCampaignItems(
      t.db,
      campaignId,
      reviewer.id,
      query({ status: "decided" }),
    );
    expect(closed.rows.map((r) => [r.scope, r.decision])).toEqual([
      ["patient/Observation.rs", "flagged"],
      ["system/Patient.rs", "flagged"],
      ["user/Condition.rs", "revoked"],
    ]);
    expect(closed.rows.find((r) => r.scope === "user/Condition.rs")!.signals).toContainEqual({
      code: "no_longer_granted",
      label: "No longer granted",
    });
    expect(page.rows[0]!.lastReview).toMatchObject({
      decision: "flagged",
      campaignName: expect.stringContaining("All grants"),
    });
  });
});
