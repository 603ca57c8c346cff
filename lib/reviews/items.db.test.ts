import { describe, expect, it } from "vitest";
import { createApp, createOrganization, createUser } from "../../prisma/factories";
import { Prisma } from "../generated/prisma/client";
import type { RiskLevel } from "../generated/prisma/enums";
import { expectEveryWalk, indexWalkPager } from "../testing/keyset";
import { setupTestDb } from "../testing/setup-test-db";
import { campaignItemsKeyset, findCampaignItems, type ItemFilters, type ItemSort } from "./queries";

const t = setupTestDb();
const RISKS: RiskLevel[] = ["low", "medium", "high", "critical"];
const TYPES = ["Patient", "Observation", "Condition", "Encounter", "Coverage", "Claim"];

/** A campaign of 36 items over three apps and two partners, split between two reviewers. */
async function seedCampaign() {
  const [me, other] = [
    await createUser(t.db, { role: "reviewer" }),
    await createUser(t.db, { role: "reviewer" }),
  ];
  const orgs = [
    await createOrganization(t.db, { name: "Quill" }),
    await createOrganization(t.db, { name: "Pike" }),
  ];
  const apps = [
    await createApp(t.db, {
      organizationId: orgs[0]!.id,
      name: "Zephyr",
      granted: TYPES.flatMap((ty) => [`system/${ty}.rs`, `user/${ty}.rs`]),
    }),
    await createApp(t.db, {
      organizationId: orgs[1]!.id,
      name: "Aurora",
      granted: TYPES.map((ty) => `patient/${ty}.rs`),
    }),
    await createApp(t.db, {
      organizationId: orgs[1]!.id,
      name: "Zephyr",
      granted: TYPES.flatMap((ty) => [`system/${ty}.cruds`, `user/${ty}.cruds`]),
    }),
  ];
  const campaign = await t.db.reviewCampaign.create({
    data: { name: "Q1", dueAt: new Date(Date.now() + 86_400_000) },
  });
  const grants = await t.db.appScope.findMany({
    where: { appId: { in: apps.map((a) => a.id) } },
    include: { app: { select: { organizationId: true } } },
    orderBy: { scope: "asc" },
  });
  await t.db.reviewItem.createMany({
    data: grants.map((g, n) => ({
      campaignId: campaign.id,
      appScopeId: g.id,
      appId: g.appId,
      organizationId: g.app.organizationId,
      reviewerId: n % 5 === 0 ? other.id : me.id,
      scope: g.scope,
      risk: RISKS[n % 4]!,
      grantedAt: new Date(),
      decision: n % 3 === 0 ? ("certified" as const) : ("pending" as const),
    })),
  });
  return { me, campaign };
}

/** The same order as a plain ORDER BY over the joined rows: what the keyset pages must add up to. */
function oracle(sort: ItemSort, desc: boolean): Prisma.Sql {
  const dir = Prisma.raw(desc ? "DESC" : "ASC");
  const byScope = Prisma.sql`i."scope" ${dir}, i."id" ${dir}`;
  if (sort === "risk") return Prisma.sql`i."risk" ${dir}, i."appId" ${dir}, i."id" ${dir}`;
  if (sort === "scope") return byScope;
  if (sort === "app") return Prisma.sql`a."name" ${dir}, i."appId" ${dir}, ${byScope}`;
  return Prisma.sql`o."name" ${dir}, i."organizationId" ${dir}, ${byScope}`;
}

describe("a reviewer's items, paged by keyset", () => {
  it("walks every sort both ways, for what is left, what is answered and everything", async () => {
    const { me, campaign } = await seedCampaign();
    const cases: [ItemFilters, Prisma.Sql][] = [
      [{ status: "pending" }, Prisma.sql`i."decision" = 'pending'`],
      [{ status: "decided" }, Prisma.sql`i."decision" <> 'pending'`],
      [{ status: "all", risk: "high" }, Prisma.sql`i."risk" = 'high'`],
    ];
    for (const sort of ["risk", "app", "partner", "scope"] as const)
      for (const desc of [false, true])
        for (const [filters, where] of cases) {
          const rows = await t.db.$queryRaw<{ id: string }[]>`
            SELECT i."id" FROM "ReviewItem" i
            JOIN "App" a ON a."id" = i."appId"
            JOIN "Organization" o ON o."id" = i."organizationId"
            WHERE i."campaignId" = ${campaign.id}::uuid AND i."reviewerId" = ${me.id}::uuid
              AND ${where}
            ORDER BY ${oracle(sort, desc)}`;
          const query = { q: "", sort: { id: sort, desc }, ...filters };
          await expectEveryWalk(
            rows.map((r) => r.id),
            (at) => findCampaignItems(t.db, campaign.id, me.id, { ...query, ...at, perPage: 4 }),
            indexWalkPager(t.db, campaignItemsKeyset(campaign.id, me.id, query), 4),
            `${sort} ${desc ? "desc" : "asc"} ${JSON.stringify(filters)}`,
          );
        }
  });

  it("shows a reviewer only their own items, searchable by app or partner", async () => {
    const { me, campaign } = await seedCampaign();
    const page = await findCampaignItems(t.db, campaign.id, me.id, {
      q: "aurora",
      sort: { id: "scope", desc: false },
      status: "all",
      page: 1,
      perPage: 25,
      cursor: null,
    });
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.app.name === "Aurora" && r.partner.name === "Pike")).toBe(true);
    const aurora = await t.db.app.findMany({ where: { name: "Aurora" }, select: { id: true } });
    const mine = await t.db.reviewItem.count({
      where: { campaignId: campaign.id, reviewerId: me.id, appId: { in: aurora.map((a) => a.id) } },
    });
    expect(page.total).toBe(mine);
  });
});
