// Review items refer to their campaign and grant without per-row foreign keys (sw_review_item_*
// triggers check them per statement). What a foreign key guaranteed must still hold.
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../prisma/factories";
import { createPrismaClient } from "../database/client";
import { setupTestDb } from "../testing/setup-test-db";

const t = setupTestDb();
const MISSING = "00000000-0000-4000-8000-000000000000";
let app: Awaited<ReturnType<typeof createApp>>;

beforeAll(async () => {
  app = await createApp(t.db, { granted: ["system/Patient.rs", "system/Coverage.rs"] });
});

const grantOf = (scope: string) =>
  t.db.appScope.findFirstOrThrow({ where: { appId: app.id, scope }, select: { id: true } });
const newCampaign = () =>
  t.db.reviewCampaign.create({ data: { name: `Campaign ${Math.random()}`, dueAt: new Date() } });
const itemData = (campaignId: string, appScopeId: string) => ({
  campaignId,
  appScopeId,
  appId: app.id,
  organizationId: app.organizationId,
  scope: "system/Patient.rs",
  risk: "low" as const,
});

/**
 * The database's refusal, or null when the write went through: Prisma's error code (P2003, as a
 * foreign key gave before, for Prisma's own calls) and the database's message (raw SQL keeps it).
 */
async function refusal(write: Promise<unknown>): Promise<string | null> {
  return write.then(
    () => null,
    (error: unknown) => `${(error as { code?: string }).code} ${String(error)}`,
  );
}
const FOREIGN_KEY = /P2003/;

describe("review item references", () => {
  it("refuses items whose grant or campaign does not exist, and writes none of the statement", async () => {
    const campaign = await newCampaign();
    const grant = await grantOf("system/Patient.rs");
    expect(
      await refusal(
        t.db.reviewItem.createMany({
          data: [itemData(campaign.id, grant.id), itemData(campaign.id, MISSING)],
        }),
      ),
    ).toMatch(FOREIGN_KEY);
    const insert = (campaignId: string, appScopeId: string) => t.db.$executeRaw`
      INSERT INTO "ReviewItem" ("campaignId", "appScopeId", "appId", "organizationId", "scope", "risk")
      VALUES (${campaignId}::uuid, ${appScopeId}::uuid, ${app.id}::uuid, ${app.organizationId}::uuid, 'system/Patient.rs', 'low')`;
    expect(await refusal(insert(campaign.id, MISSING))).toMatch(/AppScope that does not exist/);
    expect(await refusal(insert(MISSING, grant.id))).toMatch(/ReviewCampaign that does not exist/);
    expect(await t.db.reviewItem.count({ where: { campaignId: campaign.id } })).toBe(0);
    expect(await refusal(insert(campaign.id, grant.id))).toBeNull();
  });

  it("never lets an item change its grant or campaign", async () => {
    const campaign = await newCampaign();
    const other = await newCampaign();
    const [patient, coverage] = [
      await grantOf("system/Patient.rs"),
      await grantOf("system/Coverage.rs"),
    ];
    const item = await t.db.reviewItem.create({ data: itemData(campaign.id, patient.id) });
    for (const data of [{ appScopeId: coverage.id }, { campaignId: other.id }])
      expect(await refusal(t.db.reviewItem.update({ where: { id: item.id }, data }))).toMatch(
        FOREIGN_KEY,
      );
    expect(
      await refusal(
        t.db
          .$executeRaw`UPDATE "ReviewItem" SET "appScopeId" = ${coverage.id}::uuid WHERE "id" = ${item.id}::uuid`,
      ),
    ).toMatch(/campaign and grant cannot change/);
    // Other columns change as before (this is how decisions are written).
    await t.db.reviewItem.update({ where: { id: item.id }, data: { decision: "certified" } });
    expect((await t.db.reviewItem.findUniqueOrThrow({ where: { id: item.id } })).appScopeId).toBe(
      patient.id,
    );
  });

  it("refuses to delete, re-key or truncate a grant or campaign that an item refers to", async () => {
    const campaign = await newCampaign();
    const grant = await grantOf("system/Patient.rs");
    await t.db.reviewItem.create({ data: itemData(campaign.id, grant.id) });
    const referred = /referred to by a review item|review items refer to it/;
    expect(await refusal(t.db.appScope.delete({ where: { id: grant.id } }))).toMatch(FOREIGN_KEY);
    expect(await refusal(t.db.reviewCampaign.delete({ where: { id: campaign.id } }))).toMatch(
      FOREIGN_KEY,
    );
    expect(
      await refusal(
        t.db.$executeRaw`DELETE FROM "ReviewCampaign" WHERE "id" = ${campaign.id}::uuid`,
      ),
    ).toMatch(referred);
    expect(
      await refusal(
        t.db
          .$executeRaw`UPDATE "AppScope" SET "id" = gen_random_uuid() WHERE "id" = ${grant.id}::uuid`,
      ),
    ).toMatch(referred);
    expect(await refusal(t.db.$executeRaw`TRUNCATE "ReviewCampaign"`)).toMatch(referred);
    expect(await t.db.appScope.count({ where: { id: grant.id } })).toBe(1);
    expect(await t.db.reviewCampaign.count({ where: { id: campaign.id } })).toBe(1);

    // What no item refers to is deleted as before.
    const unused = await newCampaign();
    expect(await refusal(t.db.reviewCampaign.delete({ where: { id: unused.id } }))).toBeNull();
  });

  it("a delete racing an uncommitted item waits for it, then is refused", async () => {
    const lone = await createApp(t.db, { granted: ["system/Claim.rs"] });
    const grant = await t.db.appScope.findFirstOrThrow({ where: { appId: lone.id } });
    const campaign = await newCampaign();
    const other = createPrismaClient(t.url, { poolSize: 1 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const isInserted = new Promise<void>((resolve) => (inserted = resolve));
    try {
      const writer = t.db.$transaction(
        async (tx) => {
          await tx.reviewItem.create({
            data: { ...itemData(campaign.id, grant.id), appId: lone.id },
          });
          inserted();
          await held;
        },
        { timeout: 20_000 },
      );
      await isInserted;
      let isSettled = false;
      const deleting = refusal(other.appScope.delete({ where: { id: grant.id } })).finally(
        () => (isSettled = true),
      );
      await new Promise((r) => setTimeout(r, 300));
      expect(isSettled).toBe(false); // waits for the writer…
      release();
      await writer;
      expect(await deleting).toMatch(FOREIGN_KEY); // …then sees its item
      expect(await t.db.appScope.count({ where: { id: grant.id } })).toBe(1);
    } finally {
      release();
      await other.$disconnect();
    }
  });
});
