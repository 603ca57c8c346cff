import { describe, expect, it } from "vitest";
import { createApp, createUser } from "../../prisma/factories";
import type { Prisma } from "../generated/prisma/client";
import { expectEveryWalk, indexWalkPager } from "../testing/keyset";
import { setupTestDb } from "../testing/setup-test-db";
import { findOrganizations, organizationsKeyset, type OrgFilters, type OrgSort } from "./queries";

const t = setupTestDb();

async function seedOrganizations(tag: string) {
  const base = Date.parse("2026-02-01T00:00:00Z");
  await t.db.organization.createMany({
    data: Array.from({ length: 23 }, (_, n) => ({
      name: `${tag} ${["Fir", "Ash", "Yew"][n % 3]} ${Math.floor(n / 6)}`,
      status: n % 4 === 1 ? ("suspended" as const) : ("active" as const),
      createdAt: new Date(base + Math.floor(n / 3) * 3_600_000),
    })),
  });
}

function oracle(sort: OrgSort, desc: boolean): Prisma.OrganizationOrderByWithRelationInput[] {
  const dir = desc ? "desc" : "asc";
  if (sort === "name") return [{ name: dir }, { id: dir }];
  if (sort === "createdAt") return [{ createdAt: dir }, { id: dir }];
  return [{ status: dir }, { name: dir }, { id: dir }];
}

describe("the admin partners list, paged by keyset", () => {
  it("walks every sort both ways, with and without the status filter", async () => {
    const tag = "Orgwalk";
    await seedOrganizations(tag);
    const cases: [OrgFilters, Prisma.OrganizationWhereInput][] = [
      [{}, {}],
      [{ status: "active" }, { status: "active" }],
    ];
    for (const sort of ["name", "status", "createdAt"] as const)
      for (const desc of [false, true])
        for (const [filters, where] of cases) {
          const rows = await t.db.organization.findMany({
            where: { name: { startsWith: tag }, ...where },
            orderBy: oracle(sort, desc),
            select: { id: true },
          });
          const query = { q: tag, sort: { id: sort, desc }, ...filters };
          await expectEveryWalk(
            rows.map((r) => r.id),
            (at) => findOrganizations(t.db, { ...query, ...at, perPage: 5 }),
            indexWalkPager(t.db, organizationsKeyset(query), 5),
            `${sort} ${desc ? "desc" : "asc"} ${JSON.stringify(filters)}`,
          );
        }
  });

  it("finds a partner by a member's e-mail and counts its members, apps and grants", async () => {
    const member = await createUser(t.db, { role: "partner", email: "Pat@Orgfind.example" });
    await createApp(t.db, {
      organizationId: member.organizationId!,
      granted: ["patient/Observation.rs"],
      pending: ["system/Patient.rs", "system/Coverage.rs"],
    });
    const page = await findOrganizations(t.db, {
      q: "pat@orgfind",
      sort: { id: "name", desc: false },
      page: 1,
      perPage: 25,
      cursor: null,
    });
    expect(page.rows).toHaveLength(1);
    expect(page.rows[0]).toMatchObject({ members: 1, apps: 1, granted: 1, pending: 2 });
  });
});
