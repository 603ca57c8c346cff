// Unused grants in access reviews: a schedule that targets them, a reviewer's filter, and bulk
// revoke with a reason through the ordinary revocation (state, audit, webhook, decision API).
import { describe, expect, it } from "vitest";
import { createApp, createOrganization, createUser } from "../../prisma/factories";
import type { Actor } from "../actor";
import { verifyAuditChain } from "../audit/verify";
import { setupTestDb } from "../testing/setup-test-db";
import { openCampaignNow } from "./open";
import { findCampaignItems } from "./queries";
import { bulkRevokeUnusedItems, countUnusedPending } from "./revoke-unused";

const t = setupTestDb();
const DAY = 86_400_000;

describe("unused grants", () => {
  it("a schedule targets them, a reviewer filters to them and revokes them in bulk with a reason", async () => {
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const org = await createOrganization(t.db);
    const app = await createApp(t.db, {
      organizationId: org.id,
      granted: [
        "system/Patient.rs",
        "system/Coverage.rs",
        "system/Claim.rs",
        "system/Encounter.rs",
      ],
    });
    const grant = (scope: string) =>
      t.db.appScope.findFirstOrThrow({ where: { appId: app.id, scope } });
    const [used, never, stale, fresh] = await Promise.all(
      ["system/Patient.rs", "system/Coverage.rs", "system/Claim.rs", "system/Encounter.rs"].map(
        grant,
      ),
    );
    await t.db.appScope.updateMany({
      where: { id: { in: [used!.id, never!.id, stale!.id] } },
      data: { grantedAt: ago(200) },
    });
    await t.db.appScope.update({ where: { id: fresh!.id }, data: { grantedAt: ago(10) } });
    await t.db.grantUsageDay.createMany({
      data: [
        { appScopeId: used!.id, day: ago(3), count: 12, lastUsedAt: ago(3) },
        { appScopeId: stale!.id, day: ago(120), count: 4, lastUsedAt: ago(120) },
      ],
    });

    const admin = (await createUser(t.db, { role: "admin" })) as Actor;
    const reviewer = (await createUser(t.db, { role: "reviewer" })) as Actor;
    const schedule = await t.db.reviewSchedule.create({
      data: {
        name: "Unused grants",
        scopeFilter: "unused",
        assignment: "named",
        reviewerIds: [reviewer.id],
        nextRunAt: new Date("2099-01-01T00:00:00Z"),
      },
    });
    const { campaignId } = await openCampaignNow(t.db, admin, { scheduleId: schedule.id }, { now });
    const items = await t.db.reviewItem.findMany({ where: { campaignId } });
    expect(items.map((i) => i.scope).sort()).toEqual(["system/Claim.rs", "system/Coverage.rs"]);

    // A campaign of every grant: the reviewer's filter narrows it to the same two.
    const all = await t.db.reviewSchedule.create({
      data: {
        name: "All of one partner",
        scopeFilter: "organization",
        organizationId: org.id,
        assignment: "named",
        reviewerIds: [reviewer.id],
        nextRunAt: new Date("2099-01-01T00:00:00Z"),
      },
    });
    const wide = (await openCampaignNow(t.db, admin, { scheduleId: all.id }, { now })).campaignId;
    const query = {
      page: 1,
      perPage: 25,
      q: "",
      cursor: null,
      sort: { id: "scope" as const, desc: false },
      status: "pending" as const,
    };
    const everything = await findCampaignItems(t.db, wide, reviewer.id, query, now);
    expect(everything.rows).toHaveLength(4);
    const filtered = await findCampaignItems(
      t.db,
      wide,
      reviewer.id,
      { ...query, usage: "unused" },
      now,
    );
    expect(filtered.rows.map((r) => r.scope)).toEqual(["system/Claim.rs", "system/Coverage.rs"]);
    expect(filtered.rows[0]!.signals.map((s) => s.code)).toContain("unused");
    const usedRow = everything.rows.find((r) => r.scope === "system/Patient.rs")!;
    expect(usedRow.usage.total).toBe(12);
    expect(usedRow.signals.map((s) => s.code)).not.toContain("unused");
    expect(await countUnusedPending(t.db, wide, reviewer.id, now)).toBe(2);

    const result = await bulkRevokeUnusedItems(
      t.db,
      reviewer,
      { campaignId: wide, reason: "No traffic in a quarter" },
      { now },
    );
    expect(result).toEqual({ revoked: 2 });
    const states = await t.db.appScope.findMany({
      where: { appId: app.id },
      select: { scope: true, state: true, stateReason: true },
      orderBy: { scope: "asc" },
    });
    expect(states.map((s) => [s.scope, s.state])).toEqual([
      ["system/Claim.rs", "revoked"],
      ["system/Coverage.rs", "revoked"],
      ["system/Encounter.rs", "granted"],
      ["system/Patient.rs", "granted"],
    ]);
    expect(states[0]!.stateReason).toMatch(/No traffic in a quarter \(unused for 90\+ days\)/);
    const webhooks = await t.db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "GrantChange" WHERE "appId" = ${app.id}::uuid`;
    expect(webhooks[0]!.n).toBeGreaterThanOrEqual(2);
    const decided = await t.db.reviewItem.findMany({
      where: { campaignId: wide, decision: "revoked" },
    });
    expect(decided.map((i) => i.scope).sort()).toEqual(["system/Claim.rs", "system/Coverage.rs"]);
    // Nothing left to revoke: a second run changes nothing.
    expect(
      await bulkRevokeUnusedItems(t.db, reviewer, { campaignId: wide, reason: "again" }, { now }),
    ).toEqual({ revoked: 0 });
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
