import { describe, expect, it } from "vitest";
import { createOrganization } from "../../prisma/factories";
import type { Prisma } from "../generated/prisma/client";
import { expectEveryWalk, indexWalkPager } from "../testing/keyset";
import { setupTestDb } from "../testing/setup-test-db";
import { adminAppsKeyset, findAllApps, type AdminAppFilters, type AdminAppSort } from "./queries";

const t = setupTestDb();
const TYPES = ["patient", "provider", "backend"] as const;

/** 27 apps over three partners, with repeated names, statuses, types and registration times. */
async function seedApps(tag: string) {
  const orgs = [
    await createOrganization(t.db, { name: `${tag} Oak` }),
    await createOrganization(t.db, { name: `${tag} Elm` }),
    await createOrganization(t.db, { name: `${tag} Elm` }),
  ];
  const base = Date.parse("2026-03-01T00:00:00Z");
  await t.db.app.createMany({
    data: Array.from({ length: 27 }, (_, n) => ({
      organizationId: orgs[n % 3]!.id,
      name: `${tag} ${["Kite", "Lark", "Moth", "Kite"][n % 4]} ${Math.floor(n / 8)}`,
      nameKey: `${tag} app ${n}`.toLowerCase(),
      appType: TYPES[n % 3]!,
      clientType: "public" as const,
      launchModes: [],
      redirectUris: [],
      clientId: `swc_${tag}_${n}`.toLowerCase(),
      status: n % 5 === 0 ? ("suspended" as const) : ("active" as const),
      createdAt: new Date(base + Math.floor(n / 2) * 60_000),
    })),
  });
  return { orgs };
}

function oracle(sort: AdminAppSort, desc: boolean): Prisma.AppOrderByWithRelationInput[] {
  const dir = desc ? "desc" : "asc";
  const byName: Prisma.AppOrderByWithRelationInput[] = [{ name: dir }, { id: dir }];
  if (sort === "name") return byName;
  if (sort === "createdAt") return [{ createdAt: dir }, { id: dir }];
  if (sort === "partner")
    return [{ organization: { name: dir } }, { organization: { id: dir } }, ...byName];
  return [{ [sort]: dir }, ...byName];
}

describe("the admin apps list, paged by keyset", () => {
  it("walks every sort both ways, with filters, in order and without repeats", async () => {
    const tag = "Appwalk";
    await seedApps(tag);
    const cases: [AdminAppFilters, Prisma.AppWhereInput][] = [
      [{}, {}],
      [{ status: "suspended" }, { status: "suspended" }],
      [{ appType: "provider" }, { appType: "provider" }],
    ];
    for (const sort of ["name", "partner", "status", "appType", "createdAt"] as const)
      for (const desc of [false, true])
        for (const [filters, where] of cases) {
          const rows = await t.db.app.findMany({
            where: { name: { startsWith: tag }, ...where },
            orderBy: oracle(sort, desc),
            select: { id: true },
          });
          const query = { q: tag, sort: { id: sort, desc }, ...filters };
          await expectEveryWalk(
            rows.map((r) => r.id),
            (at) => findAllApps(t.db, { ...query, ...at, perPage: 4 }),
            indexWalkPager(t.db, adminAppsKeyset(query), 4),
            `${sort} ${desc ? "desc" : "asc"} ${JSON.stringify(filters)}`,
          );
        }
  });

  it("finds apps by partner name or client id, and shows each app's partner and counts", async () => {
    const { orgs } = await seedApps("Appfind");
    const byPartner = await findAllApps(t.db, {
      q: "appfind oak",
      sort: { id: "name", desc: false },
      page: 1,
      perPage: 25,
      cursor: null,
    });
    expect(byPartner.total).toBe(9);
    expect(byPartner.rows.every((r) => r.partner.id === orgs[0]!.id)).toBe(true);
    expect(byPartner.rows[0]!.counts).toEqual({ granted: 0, pending: 0, denied: 0, revoked: 0 });
    const byClient = await findAllApps(t.db, {
      q: "swc_appfind_13",
      sort: { id: "name", desc: false },
      page: 1,
      perPage: 25,
      cursor: null,
    });
    expect(byClient.rows.map((r) => r.clientId)).toEqual(["swc_appfind_13"]);
  });
});
