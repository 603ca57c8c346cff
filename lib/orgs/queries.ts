// Admin reads of partner organisations.
import type { Db } from "../database/client";
import { parseIdParam } from "../validation";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { OrgStatus as OrgStatusValues, type OrgStatus } from "../generated/prisma/enums";
import { key, type KeysetOrder } from "../tables/keyset";
import { findKeysetPage, inOrder, type KeysetSpec } from "../tables/keyset-page";
import type { KeysetQuery, Page, Sort } from "../tables/query";
import { likePattern } from "../tables/sql";

export type OrgSort = "name" | "createdAt" | "status";
export type OrgFilters = { status?: OrgStatus | null };
export type OrgRow = {
  id: string;
  name: string;
  status: OrgStatus;
  createdAt: Date;
  members: number;
  apps: number;
  granted: number;
  pending: number;
};

const byName = [key.text(`o."name"`), key.uuid(`o."id"`)];
// Each order has its index (Organization_<column>_id_idx and friends).
const ORG_ORDERS: Record<OrgSort, KeysetOrder["keys"]> = {
  name: byName,
  createdAt: [key.timestamp(`o."createdAt"`), key.uuid(`o."id"`)],
  status: [key.enumOf(`o."status"`, "OrgStatus", Object.values(OrgStatusValues)), ...byName],
};

function orgWhere(query: { q: string } & OrgFilters): Prisma.Sql {
  const conditions = [Prisma.sql`TRUE`];
  if (query.status) conditions.push(Prisma.sql`o."status" = ${query.status}::"OrgStatus"`);
  if (query.q) {
    const like = likePattern(query.q);
    conditions.push(Prisma.sql`(o."name" ILIKE ${like} OR EXISTS (
      SELECT 1 FROM "User" u WHERE u."organizationId" = o."id" AND u."email" LIKE ${likePattern(query.q.toLowerCase())}))`);
  }
  return Prisma.join(conditions, " AND ");
}

/** Which organisations an admin list query reads, in which order. */
export function organizationsKeyset(
  query: { q: string; sort: Sort<OrgSort> } & OrgFilters,
): KeysetSpec {
  return {
    id: `o."id"`,
    from: Prisma.sql`"Organization" o`,
    where: orgWhere(query),
    sortId: `${query.sort.id}.${query.sort.desc ? "desc" : "asc"}`,
    order: { keys: ORG_ORDERS[query.sort.id], desc: query.sort.desc },
  };
}

/** Partner organisations with their members, apps and grants (admins), keyset-paged. */
export async function findOrganizations(
  db: Db,
  query: KeysetQuery<OrgSort> & OrgFilters,
): Promise<Page<OrgRow>> {
  const { ids, frame } = await findKeysetPage(db, organizationsKeyset(query), query);
  const [orgs, perOrg] = await Promise.all([
    db.organization.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        name: true,
        status: true,
        createdAt: true,
        _count: { select: { users: { where: { status: "active" } }, apps: true } },
      },
    }),
    db.$queryRaw<{ organizationId: string; state: string; n: bigint }[]>`
      SELECT a."organizationId", s."state"::text AS state, count(*) AS n FROM "AppScope" s JOIN "App" a ON a."id" = s."appId"
      WHERE a."organizationId" = ANY(${ids}::uuid[]) AND s."state" IN ('granted', 'pending') GROUP BY 1, 2`,
  ]);
  const count = (id: string, state: string) =>
    Number(perOrg.find((r) => r.organizationId === id && r.state === state)?.n ?? 0);
  return {
    ...frame,
    rows: inOrder(ids, orgs).map((o) => ({
      id: o.id,
      name: o.name,
      status: o.status,
      createdAt: o.createdAt,
      members: o._count.users,
      apps: o._count.apps,
      granted: count(o.id, "granted"),
      pending: count(o.id, "pending"),
    })),
  };
}

/** Whether any partner has signed up (the admin list's empty state). */
export async function hasAnyOrganizations(db: Db): Promise<boolean> {
  return (await db.organization.findFirst({ select: { id: true } })) !== null;
}

/** Every partner organisation by name, for pickers (review schedules); at most `take`. */
export async function findOrganizationOptions(
  db: Db,
  take = 500,
): Promise<{ id: string; name: string }[]> {
  return db.organization.findMany({
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take,
  });
}

export async function getOrganizationForAdmin(db: Db, organizationId: string) {
  organizationId = parseIdParam(organizationId, "That organisation");
  const org = await db.organization.findUnique({
    where: { id: organizationId },
    include: {
      users: {
        select: { id: true, name: true, email: true, status: true, lastSignInAt: true },
        orderBy: { name: "asc" },
      },
      apps: {
        select: { id: true, name: true, appType: true, status: true, createdAt: true },
        orderBy: { name: "asc" },
      },
    },
  });
  if (!org) throw new AppError("NOT_FOUND", "That organisation was not found.");
  return org;
}
