// Partner reads: their organisation's apps only.
import { assertRole, type Actor } from "../actor";
import type { Db } from "../database/client";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { AppStatus, ScopeState } from "../generated/prisma/enums";
import { pageOf, skipOf, type Page, type TableQuery } from "../tables/query";
import { parseIdParam } from "../validation";

export const APP_SORTABLE = ["name", "createdAt", "status", "appType"] as const;
export type AppSortColumn = (typeof APP_SORTABLE)[number];

export type ScopeCounts = { granted: number; pending: number; denied: number; revoked: number };
export type AppListRow = {
  id: string;
  name: string;
  appType: string;
  clientType: string;
  status: AppStatus;
  createdAt: Date;
  counts: ScopeCounts;
};

const emptyCounts = (): ScopeCounts => ({ granted: 0, pending: 0, denied: 0, revoked: 0 });
const countKey: Partial<Record<ScopeState, keyof ScopeCounts>> = {
  granted: "granted",
  pending: "pending",
  changes_requested: "pending",
  denied: "denied",
  revoked: "revoked",
};

/** Scope counts by state for a page of apps (one grouped query). */
export async function countScopesByApp(
  db: Db,
  appIds: string[],
): Promise<Map<string, ScopeCounts>> {
  const groups = await db.appScope.groupBy({
    by: ["appId", "state"],
    where: { appId: { in: appIds } },
    _count: { _all: true },
  });
  const counts = new Map(appIds.map((id) => [id, emptyCounts()]));
  for (const g of groups) {
    const key = countKey[g.state];
    if (key) counts.get(g.appId)![key] += g._count._all;
  }
  return counts;
}

export async function findOrgApps(
  db: Db,
  actor: Actor,
  query: TableQuery<AppSortColumn> & { status?: AppStatus },
): Promise<Page<AppListRow>> {
  assertRole(actor, "partner");
  const where: Prisma.AppWhereInput = {
    organizationId: actor.organizationId!,
    ...(query.status ? { status: query.status } : {}),
    ...(query.q
      ? {
          OR: [
            { name: { contains: query.q, mode: "insensitive" } },
            { clientId: { contains: query.q } },
          ],
        }
      : {}),
  };
  const direction = query.sort.desc ? "desc" : "asc";
  const [apps, total] = await Promise.all([
    db.app.findMany({
      where,
      orderBy: [{ [query.sort.id]: direction }, { id: "asc" }],
      skip: skipOf(query),
      take: query.perPage,
      select: {
        id: true,
        name: true,
        appType: true,
        clientType: true,
        status: true,
        createdAt: true,
      },
    }),
    db.app.count({ where }),
  ]);
  const counts = await countScopesByApp(
    db,
    apps.map((a) => a.id),
  );
  return pageOf(
    apps.map((a) => ({ ...a, counts: counts.get(a.id)! })),
    total,
    query,
  );
}

/** One of the partner's own apps with every scope and its history; other organisations' apps are NOT_FOUND. */
export async function getPartnerApp(db: Db, actor: Actor, appId: string) {
  assertRole(actor, "partner");
  appId = parseIdParam(appId, "That app");
  const app = await db.app.findFirst({
    where: { id: appId, organizationId: actor.organizationId! },
    include: {
      scopes: {
        orderBy: [{ createdAt: "asc" }, { scope: "asc" }],
        include: {
          events: { orderBy: { createdAt: "asc" } },
          decisions: {
            orderBy: { createdAt: "asc" },
            select: { kind: true, reason: true, narrowedScope: true, createdAt: true },
          },
        },
      },
    },
  });
  if (!app) throw new AppError("NOT_FOUND", "That app was not found.");
  return app;
}

export type AdminAppRow = AppListRow & {
  partner: { id: string; name: string; status: string };
  clientId: string;
};

/** Every app of every partner (admins). */
export async function findAllApps(
  db: Db,
  query: TableQuery<AppSortColumn | "partner"> & {
    status?: AppStatus;
    appType?: "patient" | "provider" | "backend";
    organizationId?: string;
  },
): Promise<Page<AdminAppRow>> {
  const where: Prisma.AppWhereInput = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.appType ? { appType: query.appType } : {}),
    ...(query.organizationId ? { organizationId: query.organizationId } : {}),
    ...(query.q
      ? {
          OR: [
            { name: { contains: query.q, mode: "insensitive" } },
            { clientId: { contains: query.q } },
            { organization: { name: { contains: query.q, mode: "insensitive" } } },
          ],
        }
      : {}),
  };
  const direction = query.sort.desc ? "desc" : "asc";
  const orderBy: Prisma.AppOrderByWithRelationInput =
    query.sort.id === "partner"
      ? { organization: { name: direction } }
      : { [query.sort.id]: direction };
  const [apps, total] = await Promise.all([
    db.app.findMany({
      where,
      orderBy: [orderBy, { id: "asc" }],
      skip: skipOf(query),
      take: query.perPage,
      select: {
        id: true,
        name: true,
        appType: true,
        clientType: true,
        status: true,
        createdAt: true,
        clientId: true,
        organization: { select: { id: true, name: true, status: true } },
      },
    }),
    db.app.count({ where }),
  ]);
  const counts = await countScopesByApp(
    db,
    apps.map((a) => a.id),
  );
  return pageOf(
    apps.map(({ organization, ...a }) => ({
      ...a,
      partner: organization,
      counts: counts.get(a.id)!,
    })),
    total,
    query,
  );
}

/** Any app with its partner, every scope and each scope's history (admins). */
export async function getAppForAdmin(db: Db, appId: string) {
  appId = parseIdParam(appId, "That app");
  const app = await db.app.findUnique({
    where: { id: appId },
    include: {
      organization: { select: { id: true, name: true, status: true, statusReason: true } },
      scopes: {
        orderBy: [{ state: "asc" }, { scope: "asc" }],
        include: { events: { orderBy: { createdAt: "asc" } } },
      },
    },
  });
  if (!app) throw new AppError("NOT_FOUND", "That app was not found.");
  return app;
}
