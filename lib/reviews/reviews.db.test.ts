import { describe, expect, it } from "vitest";
import { createApp, createOrganization, createUser } from "../../prisma/factories";
import type { Actor } from "../actor";
import { verifyAuditChain } from "../audit/verify";
import { createPrismaClient } from "../database/client";
import { AppError } from "../errors";
import { setupTestDb } from "../testing/setup-test-db";
import { closeCampaign } from "./close";
import { bulkCertifyItems, decideReviewItem } from "./decide";
import { runReviewTick } from "./jobs";
import { openCampaignNow } from "./open";
import { campaignCsvChunks, getCampaignReport } from "./report";
import { assignReviewer, matchesScopeFilter } from "./rules";
import { createSchedule, deleteSchedule, updateSchedule } from "./schedules";

const t = setupTestDb();
const d = (iso: string) => new Date(iso);

const reviewer = async () => (await createUser(t.db, { role: "reviewer" })) as Actor;
const admin = async () => (await createUser(t.db, { role: "admin" })) as Actor;

/** A partner with one app holding the given grants; each test reviews only its own partner. */
async function partnerWith(
  granted: string[],
  risks: Record<string, "low" | "medium" | "high" | "critical"> = {},
) {
  const org = await createOrganization(t.db);
  const member = await createUser(t.db, { role: "partner", organizationId: org.id });
  const app = await createApp(t.db, { organizationId: org.id, granted });
  for (const [scope, risk] of Object.entries(risks))
    await t.db.appScope.updateMany({ where: { appId: app.id, scope }, data: { risk } });
  const grant = async (scope: string) =>
    t.db.appScope.findFirstOrThrow({
      where: { appId: app.id, scope },
      orderBy: { createdAt: "desc" },
    });
  return { org, member, app, grant };
}

async function schedule(
  organizationId: string,
  data: Partial<{
    reviewerIds: string[];
    nextRunAt: Date;
    closeAction: "flag" | "revoke";
    assignment: "named" | "round_robin" | "by_partner";
    cadence: "quarterly" | "monthly";
  }> = {},
) {
  return t.db.reviewSchedule.create({
    data: {
      name: `Quarterly ${organizationId.slice(0, 6)}`,
      cadence: data.cadence ?? "quarterly",
      scopeFilter: "organization",
      organizationId,
      assignment: data.assignment ?? "round_robin",
      reviewerIds: data.reviewerIds ?? [],
      dueInDays: 14,
      reminderDaysBefore: 3,
      closeAction: data.closeAction ?? "flag",
      nextRunAt: data.nextRunAt ?? d("2026-01-01T00:00:00Z"),
    },
  });
}

const campaignsOf = (scheduleId: string) =>
  t.db.reviewCampaign.findMany({ where: { scheduleId }, orderBy: { openedAt: "asc" } });
const itemsOf = (campaignId: string) =>
  t.db.reviewItem.findMany({ where: { campaignId }, orderBy: { scope: "asc" } });

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("the quarterly schedule", () => {
  it("opens exactly one campaign per quarter: with two workers, after a restart, and catching up after downtime", async () => {
    const { org } = await partnerWith([
      "system/Patient.rs",
      "patient/Observation.rs",
      "user/Encounter.cud",
    ]);
    const [r1, r2] = [await reviewer(), await reviewer()];
    const s = await schedule(org.id, { reviewerIds: [r1.id, r2.id] });

    await runReviewTick(t.db, d("2025-12-31T23:59:00Z"));
    expect(await campaignsOf(s.id)).toHaveLength(0);

    // Two workers tick at the same moment, each with its own connection pool.
    const second = createPrismaClient(t.url, { poolSize: 3 });
    try {
      await Promise.all([
        runReviewTick(t.db, d("2026-01-01T00:01:00Z")),
        runReviewTick(second, d("2026-01-01T00:01:00Z")),
      ]);
    } finally {
      await second.$disconnect();
    }
    const [q1] = await campaignsOf(s.id);
    expect(await campaignsOf(s.id)).toHaveLength(1);
    expect(q1).toMatchObject({
      periodKey: "2026-Q1",
      status: "open",
      dueAt: d("2026-01-15T00:01:00Z"),
    });
    const items = await itemsOf(q1!.id);
    expect(items.map((i) => i.scope)).toEqual([
      "patient/Observation.rs",
      "system/Patient.rs",
      "user/Encounter.cud",
    ]);
    expect(new Set(items.map((i) => i.reviewerId))).toEqual(new Set([r1.id, r2.id]));

    // A restart: a fresh process state (new client) ticks again within the quarter.
    const restarted = createPrismaClient(t.url, { poolSize: 2 });
    try {
      await runReviewTick(restarted, d("2026-02-15T09:00:00Z"));
    } finally {
      await restarted.$disconnect();
    }
    expect(await campaignsOf(s.id)).toHaveLength(1);

    // Down through the whole second quarter: one campaign for the current one, none for the missed one.
    await runReviewTick(t.db, d("2026-08-10T12:00:00Z"));
    expect((await campaignsOf(s.id)).map((c) => c.periodKey)).toEqual(["2026-Q1", "2026-Q3"]);
    expect(
      (await t.db.reviewSchedule.findUniqueOrThrow({ where: { id: s.id } })).nextRunAt,
    ).toEqual(d("2026-10-01T00:00:00Z"));
  });
});

describe("deadlines", () => {
  it("reminds reviewers before the due date and escalates overdue campaigns to admins, once each", async () => {
    const { org } = await partnerWith(["system/Coverage.rs"]);
    const r = await reviewer();
    const boss = await admin();
    const s = await schedule(org.id, { reviewerIds: [r.id], nextRunAt: d("2027-01-01T00:00:00Z") });
    await runReviewTick(t.db, d("2027-01-01T00:00:00Z"));
    const [campaign] = await campaignsOf(s.id);

    await runReviewTick(t.db, d("2027-01-12T00:00:00Z"));
    await runReviewTick(t.db, d("2027-01-12T00:01:00Z"));
    const reminders = await t.db.notification.findMany({
      where: { userId: r.id, kind: "review.reminder" },
    });
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.title).toMatch(/1 grant\(s\) to review/);

    await runReviewTick(t.db, d("2027-01-15T00:05:00Z"));
    await runReviewTick(t.db, d("2027-01-15T00:06:00Z"));
    const escalations = await t.db.notification.findMany({
      where: { userId: boss.id, kind: "review.overdue", title: { endsWith: campaign!.name } },
    });
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.body).toMatch(/1 item\(s\) are unanswered/);
    expect(
      await t.db.emailMessage.count({
        where: { to: boss.email, subject: `Overdue access review: ${campaign!.name}` },
      }),
    ).toBe(1);
    expect(
      await t.db.auditEvent.count({
        where: { action: "review.campaign_escalated", entityId: campaign!.id },
      }),
    ).toBe(1);
    expect(
      (await t.db.reviewCampaign.findUniqueOrThrow({ where: { id: campaign!.id } })).status,
    ).toBe("open");
  });

  it("closes after the grace period: unanswered items are flagged, grants left alone", async () => {
    const { org, grant } = await partnerWith(["system/Claim.rs"]);
    const s = await schedule(org.id, {
      reviewerIds: [(await reviewer()).id],
      nextRunAt: d("2027-04-01T00:00:00Z"),
    });
    await runReviewTick(t.db, d("2027-04-01T00:00:00Z"));
    await runReviewTick(t.db, d("2027-04-22T00:01:00Z"));
    const [campaign] = await campaignsOf(s.id);
    expect(campaign).toMatchObject({ status: "closed", closedAt: d("2027-04-22T00:01:00Z") });
    expect((await itemsOf(campaign!.id)).map((i) => i.decision)).toEqual(["flagged"]);
    expect((await grant("system/Claim.rs")).state).toBe("granted");
  });

  it("closes with the revoke policy: unanswered grants are revoked, the partner told, gateways hear review.closed", async () => {
    const { org, member, grant } = await partnerWith(["system/Task.rs", "system/Coverage.rs"]);
    const r = await reviewer();
    const s = await schedule(org.id, {
      reviewerIds: [r.id],
      closeAction: "revoke",
      nextRunAt: d("2027-07-01T00:00:00Z"),
    });
    await t.db.webhookEndpoint.create({
      data: {
        url: "https://gateway.example.com/hooks",
        events: ["review.closed", "grant.revoked"],
        secretCiphertext: "x",
      },
    });
    await runReviewTick(t.db, d("2027-07-01T00:00:00Z"));
    const [campaign] = await campaignsOf(s.id);
    const task = (await itemsOf(campaign!.id)).find((i) => i.scope === "system/Task.rs")!;
    await decideReviewItem(
      t.db,
      r,
      { kind: "certify", itemId: task.id },
      { now: d("2027-07-02T00:00:00Z") },
    );

    await runReviewTick(t.db, d("2027-07-23T00:00:00Z"));
    const items = await itemsOf(campaign!.id);
    expect(items.map((i) => [i.scope, i.decision])).toEqual([
      ["system/Coverage.rs", "auto_revoked"],
      ["system/Task.rs", "certified"],
    ]);
    expect((await grant("system/Coverage.rs")).state).toBe("revoked");
    expect((await grant("system/Task.rs")).state).toBe("granted");
    expect(
      await t.db.notification.count({ where: { userId: member.id, kind: "scope.revoked" } }),
    ).toBe(1);
    const closed = await t.db.webhookDelivery.findFirstOrThrow({
      where: {
        eventType: "review.closed",
        payload: { path: ["data", "campaignId"], equals: campaign!.id },
      },
    });
    expect((closed.payload as { data: { counts: Record<string, number> } }).data.counts).toEqual({
      auto_revoked: 1,
      certified: 1,
    });
    expect(
      await t.db.auditEvent.count({
        where: { action: "review.campaign_closed", entityId: campaign!.id },
      }),
    ).toBe(1);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});

describe("decisions", () => {
  async function openFor(
    granted: string[],
    risks: Record<string, "low" | "medium" | "high" | "critical"> = {},
  ) {
    const partner = await partnerWith(granted, risks);
    const r = await reviewer();
    const s = await schedule(partner.org.id, { reviewerIds: [r.id], assignment: "named" });
    const { campaignId } = await openCampaignNow(t.db, await admin(), { scheduleId: s.id });
    const item = async (scope: string) =>
      (await itemsOf(campaignId)).find((i) => i.scope === scope)!;
    return { ...partner, r, campaignId, item };
  }

  it("revokes at once with a required reason: the grant ends, the partner is told, the audit log has it", async () => {
    const { r, member, grant, item } = await openFor(["system/Patient.rs", "system/Coverage.rs"]);
    const target = await item("system/Patient.rs");
    const missing = await failure(
      decideReviewItem(t.db, r, { kind: "revoke", itemId: target.id, reason: "" }),
    );
    expect(missing.fieldErrors?.reason?.[0]).toMatch(/Say why/);
    await decideReviewItem(t.db, r, {
      kind: "revoke",
      itemId: target.id,
      reason: "No patient search in the last quarter.",
    });
    expect((await grant("system/Patient.rs")).state).toBe("revoked");
    expect(await t.db.reviewItem.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({
      decision: "revoked",
      decidedById: r.id,
      reason: "No patient search in the last quarter.",
    });
    const note = await t.db.notification.findFirstOrThrow({
      where: { userId: member.id, kind: "scope.revoked" },
    });
    expect(note.body).toMatch(/Revoked in an access review: No patient search/);
    expect(
      await t.db.auditEvent.count({
        where: { action: "scope.revoked", entityId: target.appScopeId },
      }),
    ).toBe(1);
    expect(
      (await failure(decideReviewItem(t.db, r, { kind: "certify", itemId: target.id }))).code,
    ).toBe("CONFLICT");
  });

  it("narrows to a scope the old one covers, in one step; refuses a broader one; hides other reviewers' items", async () => {
    const { r, grant, item, app } = await openFor(["system/*.rs"]);
    const target = await item("system/*.rs");
    const broader = await failure(
      decideReviewItem(t.db, r, {
        kind: "narrow",
        itemId: target.id,
        narrowedScope: "system/Patient.cruds",
      }),
    );
    expect(broader.message).toMatch(/not within/);
    expect(
      (
        await failure(
          decideReviewItem(t.db, await reviewer(), { kind: "certify", itemId: target.id }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    await decideReviewItem(t.db, r, {
      kind: "narrow",
      itemId: target.id,
      narrowedScope: "system/Patient.rs",
    });
    expect((await grant("system/*.rs")).state).toBe("revoked");
    const narrowed = await t.db.appScope.findFirstOrThrow({
      where: { appId: app.id, scope: "system/Patient.rs" },
    });
    expect(narrowed).toMatchObject({ state: "granted", replacesId: target.appScopeId });
    expect((await t.db.reviewItem.findUniqueOrThrow({ where: { id: target.id } })).narrowedTo).toBe(
      "system/Patient.rs",
    );
  });

  it("bulk-certifies low-risk items only, and the report and CSV count what happened", async () => {
    const { r, campaignId, item } = await openFor(
      ["patient/Patient.rs", "patient/Observation.rs", "system/Claim.rs", "openid"],
      { "system/Claim.rs": "high" },
    );
    const ids = (await itemsOf(campaignId)).map((i) => i.id);
    const result = await bulkCertifyItems(t.db, r, { campaignId, itemIds: ids });
    expect(result).toEqual({ certified: 3, skipped: 1 });
    await decideReviewItem(t.db, r, {
      kind: "revoke",
      itemId: (await item("system/Claim.rs")).id,
      reason: "Claims are not part of this app's purpose.",
    });
    await closeCampaign(t.db, await admin(), { campaignId });
    const report = await getCampaignReport(t.db, campaignId);
    expect(report.counts).toMatchObject({ certified: 3, revoked: 1, flagged: 0, pending: 0 });
    expect(report.reviewers).toEqual([
      expect.objectContaining({ id: r.id, counts: { certified: 3, revoked: 1 } }),
    ]);
    expect(report.removed.map((x) => [x.scope, x.decision, x.decidedBy])).toEqual([
      ["system/Claim.rs", "revoked", r.name],
    ]);
    let csv = "";
    for await (const chunk of campaignCsvChunks(t.db, campaignId, 2)) csv += chunk;
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(5);
    expect(lines.filter((l) => l.includes(",Certified,"))).toHaveLength(3);
    expect(lines.find((l) => l.includes("system/Claim.rs"))).toContain(
      "Claims are not part of this app's purpose.",
    );
  });
});

describe("opening in SQL", () => {
  it("applies the system-and-write filter as the scope engine reads it, and assigns by partner", async () => {
    const scopes = [
      "system/Patient.rs",
      "patient/Observation.c",
      "user/Encounter.cruds",
      "patient/Observation.rs",
      "user/Condition.rs?clinical-status=active",
      "openid",
      "launch/patient",
    ];
    const { org } = await partnerWith(scopes);
    const [mapped, pool] = [await reviewer(), await reviewer()];
    const s = await t.db.reviewSchedule.create({
      data: {
        name: "Monthly system and write",
        cadence: "monthly",
        scopeFilter: "system_and_write",
        assignment: "by_partner",
        reviewerIds: [pool.id],
        partnerReviewers: { [org.id]: mapped.id },
        nextRunAt: d("2030-01-01T00:00:00Z"),
        active: false,
      },
    });
    const { campaignId } = await openCampaignNow(t.db, await admin(), { scheduleId: s.id });
    const items = await t.db.reviewItem.findMany({ where: { campaignId, organizationId: org.id } });
    expect(items.map((i) => i.scope).sort()).toEqual(
      scopes.filter((x) => matchesScopeFilter(x, "system_and_write")).sort(),
    );
    expect(new Set(items.map((i) => i.reviewerId))).toEqual(new Set([mapped.id]));
  });
});

describe("assignment in SQL", () => {
  it.each(["round_robin", "named"] as const)(
    "follows the %s rule of rules.ts item by item",
    async (assignment) => {
      const org = await createOrganization(t.db);
      for (let i = 0; i < 3; i++)
        await createApp(t.db, {
          organizationId: org.id,
          granted: ["system/Patient.rs", "system/Coverage.rs", "patient/Observation.rs"].slice(
            0,
            i + 1,
          ),
        });
      const reviewers = [await reviewer(), await reviewer()].map((r) => r.id);
      const s = await schedule(org.id, { reviewerIds: reviewers, assignment });
      const { campaignId } = await openCampaignNow(t.db, await admin(), { scheduleId: s.id });
      const items = await t.db.reviewItem.findMany({
        where: { campaignId },
        orderBy: [{ appId: "asc" }, { appScopeId: "asc" }],
      });
      const appOrder = [...new Set(items.map((i) => i.appId))];
      expect(items).toHaveLength(6);
      expect(items.map((i) => i.reviewerId)).toEqual(
        items.map((i, index) =>
          assignReviewer(assignment, reviewers, {
            index,
            appIndex: appOrder.indexOf(i.appId),
            organizationId: i.organizationId,
          }),
        ),
      );
    },
  );
});

describe("schedules", () => {
  it("are created with validated settings, first run at the next period, and audited", async () => {
    const boss = await admin();
    const r = await reviewer();
    const invalid = await failure(
      createSchedule(t.db, boss, {
        name: "Partner review",
        cadence: "monthly",
        scopeFilter: "organization",
        assignment: "named",
        reviewerIds: [],
        dueInDays: 5,
        reminderDaysBefore: 7,
        closeAction: "flag",
      }),
    );
    expect(invalid.fieldErrors).toMatchObject({
      organizationId: ["Choose the partner to review."],
      reviewerIds: ["Name at least one reviewer."],
      reminderDaysBefore: [expect.stringMatching(/before the due date/)],
    });
    const notReviewer = await failure(
      createSchedule(t.db, boss, {
        name: "Partner review",
        cadence: "monthly",
        scopeFilter: "all",
        assignment: "named",
        reviewerIds: [boss.id],
        dueInDays: 14,
        reminderDaysBefore: 3,
        closeAction: "flag",
      }),
    );
    expect(notReviewer.fieldErrors?.reviewerIds).toEqual(["Choose active reviewers only."]);

    const row = await createSchedule(
      t.db,
      boss,
      {
        name: "Monthly writes",
        cadence: "monthly",
        scopeFilter: "system_and_write",
        assignment: "named",
        reviewerIds: [r.id],
        dueInDays: 10,
        reminderDaysBefore: 2,
        closeAction: "revoke",
      },
      { now: d("2031-05-17T10:00:00Z") },
    );
    expect(row).toMatchObject({
      nextRunAt: d("2031-06-01T00:00:00Z"),
      closeAction: "revoke",
      active: true,
    });
    const updated = await updateSchedule(t.db, boss, {
      scheduleId: row.id,
      schedule: {
        name: "Monthly writes",
        cadence: "monthly",
        scopeFilter: "system_and_write",
        assignment: "named",
        reviewerIds: [r.id],
        dueInDays: 10,
        reminderDaysBefore: 2,
        closeAction: "flag",
        active: false,
      },
    });
    expect(updated).toMatchObject({
      active: false,
      closeAction: "flag",
      nextRunAt: d("2031-06-01T00:00:00Z"),
    });
    expect(
      (
        await failure(
          updateSchedule(t.db, (await reviewer()) as Actor, {
            scheduleId: row.id,
            schedule: {} as never,
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(
      await t.db.auditEvent.count({
        where: {
          entityId: row.id,
          action: { in: ["review.schedule_created", "review.schedule_updated"] },
        },
      }),
    ).toBe(2);
    await deleteSchedule(t.db, boss, { scheduleId: row.id });
    expect(await t.db.reviewSchedule.count({ where: { id: row.id } })).toBe(0);
  });
});
