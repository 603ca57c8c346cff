// The admin approval queue: pending requests, keyset-paged so the last of a million rows is as
// quick as the first. The ids of a page are picked in SQL on the sort's index; the rows are then
// read by id with their app, partner and approvals, and linted per app.
import type { Db } from "../database/client";
import { Prisma } from "../generated/prisma/client";
import {
  explainScope,
  lintScopes,
  parseScope,
  parseScopes,
  RISK_LEVELS,
  type Finding,
  type RiskLevel,
} from "../scopes";
import type { ScopeContext } from "../scopes/types";
import { findKeysetPage, inOrder, type KeysetSpec } from "../tables/keyset-page";
import { key, type KeysetOrder } from "../tables/keyset";
import { likePattern } from "../tables/sql";
import type { KeysetQuery, Page, Sort } from "../tables/query";
import { LIVE_SCOPE_STATES } from "./rules";

export type QueueSort = "due" | "waiting" | "risk" | "app" | "partner";
export type QueueFilters = {
  risk?: RiskLevel | null;
  context?: ScopeContext | null;
  organizationId?: string | null;
  twoPerson?: boolean;
};

export type QueueRow = {
  id: string;
  scope: string;
  explanation: string;
  risk: RiskLevel;
  createdAt: Date;
  dueAt: Date;
  waitingMs: number;
  version: number;
  approvalsRequired: number;
  approvals: number;
  justification: string | null;
  app: { id: string; name: string; appType: string };
  partner: { id: string; name: string };
  lints: Finding[];
};

/** Joins only what the filters (and, for the page, the sort) read: counts touch pending rows alone. */
function queueFrom(query: { q: string } & QueueFilters, sort?: QueueSort): Prisma.Sql {
  const needsPartner = sort === "partner" || Boolean(query.q);
  const needsApp = needsPartner || sort === "app" || Boolean(query.organizationId);
  return Prisma.sql`"AppScope" s
    ${needsApp ? Prisma.sql`JOIN "App" a ON a."id" = s."appId"` : Prisma.empty}
    ${needsPartner ? Prisma.sql`JOIN "Organization" o ON o."id" = a."organizationId"` : Prisma.empty}`;
}

// Ties go to the longest waiting in the same direction as the sort ("high risk, oldest first"),
// which is the age key (see lib/tables/keyset). Each order has its index (sw_app_scope_queue_*).
const ORDERS: Record<QueueSort, (desc: boolean) => KeysetOrder> = {
  due: (desc) => ({ keys: [key.timestamp(`s."dueAt"`), key.uuid(`s."id"`)], desc }),
  waiting: (desc) => ({ keys: [key.age(`s."createdAt"`), key.uuid(`s."id"`)], desc }),
  risk: (desc) => ({
    keys: [
      key.enumOf(`s."risk"`, "RiskLevel", RISK_LEVELS),
      key.age(`s."createdAt"`),
      key.uuid(`s."id"`),
    ],
    desc,
  }),
  app: (desc) => ({
    keys: [key.text(`a."name"`), key.uuid(`a."id"`), key.age(`s."createdAt"`), key.uuid(`s."id"`)],
    desc,
    leading: 2,
  }),
  partner: (desc) => ({
    keys: [key.text(`o."name"`), key.uuid(`o."id"`), key.age(`s."createdAt"`), key.uuid(`s."id"`)],
    desc,
    leading: 2,
  }),
};

export function queueWhere(query: { q: string } & QueueFilters): Prisma.Sql {
  // The state is written out (not a parameter) so the partial indexes on pending rows apply.
  const conditions = [Prisma.sql`s."state" = 'pending'`];
  if (query.risk) conditions.push(Prisma.sql`s."risk" = ${query.risk}::"RiskLevel"`);
  if (query.context) conditions.push(Prisma.sql`s."scope" LIKE ${`${query.context}/%`}`);
  if (query.twoPerson) conditions.push(Prisma.sql`s."approvalsRequired" >= 2`);
  if (query.organizationId)
    conditions.push(Prisma.sql`a."organizationId" = ${query.organizationId}::uuid`);
  if (query.q) {
    const like = likePattern(query.q);
    conditions.push(
      Prisma.sql`(s."scope" LIKE ${like} OR a."name" ILIKE ${like} OR o."name" ILIKE ${like})`,
    );
  }
  return Prisma.join(conditions, " AND ");
}

/** Which rows a queue query reads, in which order (also what bench:queue EXPLAINs). */
export function queueKeyset(
  query: { q: string; sort: Sort<QueueSort> } & QueueFilters,
): KeysetSpec {
  return {
    id: `s."id"`,
    from: queueFrom(query, query.sort.id),
    countFrom: queueFrom(query),
    where: queueWhere(query),
    sortId: `${query.sort.id}.${query.sort.desc ? "desc" : "asc"}`,
    // Filtered to one risk level, the risk sort is the waiting order: said so, the planner can
    // start at the cursor on either index instead of filtering its way there.
    order: ORDERS[query.sort.id === "risk" && query.risk ? "waiting" : query.sort.id](
      query.sort.desc,
    ),
  };
}

export async function findApprovalQueue(
  db: Db,
  query: KeysetQuery<QueueSort> & QueueFilters,
  now = new Date(),
): Promise<Page<QueueRow>> {
  const { ids, frame } = await findKeysetPage(db, queueKeyset(query), query);
  const rows = await db.appScope.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      scope: true,
      risk: true,
      createdAt: true,
      dueAt: true,
      version: true,
      approvalsRequired: true,
      justification: true,
      appId: true,
      app: {
        select: {
          id: true,
          name: true,
          appType: true,
          clientType: true,
          launchModes: true,
          launchUrl: true,
          organization: { select: { id: true, name: true } },
        },
      },
      _count: { select: { decisions: { where: { kind: "approve" } } } },
    },
  });
  const lintsByApp = await lintAppsOf(db, rows);
  return {
    ...frame,
    rows: inOrder(ids, rows).map((r) => ({
      id: r.id,
      scope: r.scope,
      explanation: explainScope(parseScope(r.scope)),
      risk: r.risk,
      createdAt: r.createdAt,
      dueAt: r.dueAt,
      waitingMs: now.getTime() - r.createdAt.getTime(),
      version: r.version,
      approvalsRequired: r.approvalsRequired,
      approvals: r._count.decisions,
      justification: r.justification,
      app: { id: r.app.id, name: r.app.name, appType: r.app.appType },
      partner: r.app.organization,
      lints: (lintsByApp.get(r.appId) ?? []).filter(
        (f) => f.scopes.length === 0 || f.scopes.some((s) => parseScope(s).normalized === r.scope),
      ),
    })),
  };
}

export type LintableRow = {
  appId: string;
  app: Pick<Prisma.AppGetPayload<object>, "appType" | "clientType" | "launchModes" | "launchUrl">;
};

/** Lints are about the whole set an app holds or asks for: one query for the page's apps. */
export async function lintAppsOf(db: Db, rows: LintableRow[]): Promise<Map<string, Finding[]>> {
  const appIds = [...new Set(rows.map((r) => r.appId))];
  const sets = await db.appScope.findMany({
    where: { appId: { in: appIds }, state: { in: LIVE_SCOPE_STATES } },
    select: { appId: true, scope: true },
  });
  const lintsByApp = new Map<string, Finding[]>();
  for (const { appId, app } of rows) {
    if (lintsByApp.has(appId)) continue;
    const scopes = sets.filter((s) => s.appId === appId).map((s) => s.scope);
    lintsByApp.set(
      appId,
      lintScopes(parseScopes(scopes), {
        appType: app.appType,
        clientType: app.clientType,
        launchModes: app.launchModes,
        launchUrl: app.launchUrl,
        signsUsersIn: app.appType !== "backend",
      }),
    );
  }
  return lintsByApp;
}
