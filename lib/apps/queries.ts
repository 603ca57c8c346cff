// Reads of apps: a partner's own (their organisation's only) and, for admins, everyone's.
import type { Db } from "../database/client";
import { parseIdParam } from "../validation";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import {
  AppStatus as AppStatusValues,
  AppType as AppTypeValues,
  type AppStatus,
  type AppType,
  type ScopeState,
} from "../generated/prisma/enums";
import { key, type KeysetOrder } from "../tables/keyset";
import { findKeysetPage, inOrder, type KeysetSpec } from "../tables/keyset-page";
import {
  pageOf,
  skipOf,
  type KeysetQuery,
  type Page,
  type Sort,
  type TableQuery,
} from "../tables/query";
import { likePattern } from "../tables/sql";
import { assertRole, type Actor } from "../actor";

export type AppSortColumn = "name" | "createdAt" | "status" | "appType";

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
  query: TableQuery<AppSortColumn> & { status?: AppStatus | null },
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
export type AdminAppSort = AppSortColumn | "partner";
export type AdminAppFilters = {
  status?: AppStatus | null;
  appType?: AppType | null;
};

const ADMIN_APPS_FROM = Prisma.sql`"App" a JOIN "Organization" o ON o."id" = a."organizationId"`;
const byName = [key.text(`a."name"`), key.uuid(`a."id"`)];
// Each order has its index (App_<column>_name_id_idx and friends).
const ADMIN_APP_ORDERS: Record<AdminAppSort, KeysetOrder["keys"]> = {
  name: byName,
  createdAt: [key.timestamp(`a."createdAt"`), key.uuid(`a."id"`)],
  status: [key.enumOf(`a."status"`, "AppStatus", Object.values(AppStatusValues)), ...byName],
  appType: [key.enumOf(`a."appType"`, "AppType", Object.values(AppTypeValues)), ...byName],
  partner: [key.text(`o."name"`), key.uuid(`o."id"`), ...byName],
};

function adminAppsWhere(query: { q: string } & AdminAppFilters): Prisma.Sql {
  const conditions = [Prisma.sql`TRUE`];
  if (query.status) conditions.push(Prisma.sql`a."status" = ${query.status}::"AppStatus"`);
  if (query.appType) conditions.push(Prisma.sql`a."appType" = ${query.appType}::"AppType"`);
  if (query.q) {
    const like = likePattern(query.q);
    conditions.push(
      Prisma.sql`(a."name" ILIKE ${like} OR a."clientId" LIKE ${like} OR o."name" ILIKE ${like})`,
    );
  }
  return Prisma.join(conditions, " AND ");
}

/** Which apps an admin list query reads, in which order. */
export function adminAppsKeyset(
  query: { q: string; sort: Sort<AdminAppSort> } & AdminAppFilters,
): KeysetSpec {
  return {
    id: `a."id"`,
    from: ADMIN_APPS_FROM,
    where: adminAppsWhere(query),
    sortId: `${query.sort.id}.${query.sort.desc ? "desc" : "asc"}`,
    order: {
      keys: ADMIN_APP_ORDERS[query.sort.id],
      desc: query.sort.desc,
      leading: query.sort.id === "partner" ? 2 : 0,
    },
  };
}

/** Every app of every partner (admins), keyset-paged. */
export async function findAllApps(
  db: Db,
  query: KeysetQuery<AdminAppSort> & AdminAppFilters,
): Promise<Page<AdminAppRow>> {
  const { ids, frame } = await findKeysetPage(db, adminAppsKeyset(query), query);
  const [apps, counts] = await Promise.all([
    db.app.findMany({
      where: { id: { in: ids } },
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
    countScopesByApp(db, ids),
  ]);
  return {
    ...frame,
    rows: inOrder(ids, apps).map(({ organization, ...a }) => ({
      ...a,
      partner: organization,
      counts: counts.get(a.id)!,
    })),
  };
}

/** Whether any partner has registered an app (the admin list's empty state). */
export async function hasAnyApps(db: Db, organizationId?: string): Promise<boolean> {
  const app = await db.app.findFirst({
    where: organizationId ? { organizationId } : {},
    select: { id: true },
  });
  return app !== null;
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

/** A partner's apps by name, for pickers (a webhook scoped to one app). */
export async function findAppOptions(db: Db, organizationId: string) {
  return db.app.findMany({
    where: { organizationId },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}
