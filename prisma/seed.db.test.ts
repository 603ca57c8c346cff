import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "../lib/audit/verify";
import { setupTestDb } from "../lib/testing/setup-test-db";
import { runReviewTick } from "../lib/reviews/jobs";
import { getCampaignReport } from "../lib/reviews/report";
import { DEMO_USERS, hasDemoData, seedDemoData } from "./seed";

const t = setupTestDb();

describe("the demo data", () => {
  it("has partners with apps in varied states, a verifiable audit trail, and loads once", async () => {
    expect(await hasDemoData(t.db)).toBe(false);
    await seedDemoData(t.db, {
      demoBackendKeyFile: path.join(tmpdir(), `sw-demo-key-${process.pid}-${Date.now()}.json`),
    });
    expect(await hasDemoData(t.db)).toBe(true);
    const states = new Set(
      (await t.db.appScope.findMany({ select: { state: true } })).map((s) => s.state),
    );
    expect([...states].sort()).toEqual(["denied", "granted", "pending", "revoked"]);
    expect(await t.db.app.count({ where: { status: "suspended" } })).toBe(1);
    expect(await t.db.organization.count()).toBe(3);
    const twoPerson = await t.db.appScope.findFirstOrThrow({
      where: { scope: "system/Task.cu" },
      include: { decisions: true },
    });
    expect(twoPerson).toMatchObject({ state: "pending", approvalsRequired: 2 });
    expect(twoPerson.decisions).toHaveLength(1);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("has the default quarterly review schedule, last quarter's closed campaign and an open one for the demo reviewer", async () => {
    const schedule = await t.db.reviewSchedule.findFirstOrThrow({
      include: { campaigns: { orderBy: { openedAt: "asc" } } },
    });
    expect(schedule).toMatchObject({ cadence: "quarterly", scopeFilter: "all", active: true });
    const [closed, open] = schedule.campaigns;
    expect(schedule.campaigns).toHaveLength(2);
    expect(closed).toMatchObject({ status: "closed" });
    expect(open).toMatchObject({ status: "open" });
    const report = await getCampaignReport(t.db, closed!.id);
    expect(report.counts.flagged).toBe(1);
    expect(report.counts.certified).toBe(report.total - 1);
    const reviewer = await t.db.user.findUniqueOrThrow({
      where: { email: DEMO_USERS.reviewer.email },
    });
    const live = await t.db.appScope.count({ where: { state: "granted" } });
    expect(
      await t.db.reviewItem.count({
        where: { campaignId: open!.id, reviewerId: reviewer.id, decision: "pending" },
      }),
    ).toBe(live);
    // The schedule already ran this quarter: the tick opens nothing more.
    await runReviewTick(t.db, new Date());
    expect(await t.db.reviewCampaign.count()).toBe(2);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
