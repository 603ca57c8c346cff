// Admin reads of partner organisations.
import type { Db } from "../database/client";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { OrgStatus } from "../generated/prisma/enums";
import { pageOf, skipOf, type Page, type TableQuery } from "../tables/query";
import { parseIdParam } from "../validation";

export const ORG_SORTABLE = ["name", "createdAt", "status"] as const;
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

export async function findOrganizations(
  db: Db,
  query: TableQuery<(typeof ORG_SORTABLE)[number]> & { status?: OrgStatus },
): Promise<Page<OrgRow>> {
  const where: Prisma.OrganizationWhereInput = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.q
      ? {
          OR: [
            { name: { contains: query.q, mode: "insensitive" } },
            { users: { some: { email: { contains: query.q.toLowerCase() } } } },
          ],
        }
      : {}),
  };
  const [orgs, total] = await Promise.all([
    db.organization.findMany({
      where,
      orderBy: [{ [query.sort.id]: query.sort.desc ? "desc" : "asc" }, { id: "asc" }],
      skip: skipOf(query),
      take: query.perPage,
      select: {
        id: true,
        name: true,
        status: true,
        createdAt: true,
        _count: { select: { users: { where: { status: "active" } }, apps: true } },
      },
    }),
    db.organization.count({ where }),
  ]);
  const ids = orgs.map((o) => o.id);
  const perOrg = await db.$queryRaw<{ organizationId: string; state: string; n: bigint }[]>`
    SELECT a."organizationId", s."state"::text AS state, count(*) AS n FROM "AppScope" s JOIN "App" a ON a."id" = s."appId"
    WHERE a."organizationId" = ANY(${ids}::uuid[]) AND s."state" IN ('granted', 'pending') GROUP BY 1, 2`;
  const count = (id: string, state: string) =>
    Number(perOrg.find((r) => r.organizationId === id && r.state === state)?.n ?? 0);
  return pageOf(
    orgs.map((o) => ({
      id: o.id,
      name: o.name,
      status: o.status,
      createdAt: o.createdAt,
      members: o._count.users,
      apps: o._count.apps,
      granted: count(o.id, "granted"),
      pending: count(o.id, "pending"),
    })),
    total,
    query,
  );
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
