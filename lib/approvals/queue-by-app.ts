// The approval queue by app: one row per request set (an app and its pending scopes), so an
// admin judges the app as a whole. Keyset-paged over the apps with pending requests; each row
// carries its scopes as a diff from the app's template, a risk summary, the lints once, the
// earliest due date and the assignee.
import type { Db } from "../database/client";
import { Prisma } from "../generated/prisma/client";
import {
  addWorkingDays,
  deadlineStatus,
  DEFAULT_RESPONSE_TARGETS,
  type DeadlineStatus,
} from "../policy";
import {
  diffScopes,
  explainScope,
  parseScope,
  RISK_LEVELS,
  type AppType,
  type Finding,
  type RiskLevel,
} from "../scopes";
import { getTemplate } from "../scopes/templates";
import { findKeysetPage, inOrder, type KeysetSpec } from "../tables/keyset-page";
import { key, type KeysetOrder } from "../tables/keyset";
import type { KeysetQuery, Page, Sort } from "../tables/query";
import { likePattern } from "../tables/sql";
import { getCurrentPolicy } from "./policy-versions";
import { lintAppsOf } from "./queue";
import { LIVE_SCOPE_STATES } from "./rules";

export type AppQueueSort = "due" | "waiting" | "risk" | "app" | "partner";
export type AppQueueFilters = {
  risk?: RiskLevel | null;
  template?: string | null;
  organizationId?: string | null;
  /** A user id, or "none" for unassigned sets. */
  assigneeId?: string | null;
  due?: "overdue" | "soon" | null;
};

export type AppQueueScope = {
  id: string;
  scope: string;
  explanation: string;
  risk: RiskLevel;
  version: number;
  approvals: number;
  approvalsRequired: number;
  dueAt: Date;
  /** Not among the template's scopes (by meaning): what the reviewer should look at first. */
  isBeyondTemplate: boolean;
};

export type AppQueueRow = {
  id: string;
  name: string;
  appType: AppType;
  partner: { id: string; name: string };
  template: { key: string; name: string } | null;
  assignee: { id: string; name: string } | null;
  scopes: AppQueueScope[];
  /** Template scopes the app neither holds nor asks for. */
  leftOut: string[];
  riskCounts: Record<RiskLevel, number>;
  highestRisk: RiskLevel;
  dueAt: Date;
  deadline: DeadlineStatus;
  oldestAt: Date;
  lints: Finding[];
};

// One row per app: its pending requests aggregated (earliest due, oldest, highest risk).
const GROUPS = Prisma.sql`(SELECT s."appId" AS "id", min(s."dueAt") AS "dueAt",
    min(s."createdAt") AS "oldestAt", max(s."risk") AS "risk"
  FROM "AppScope" s WHERE s."state" = 'pending' GROUP BY s."appId") g
  JOIN "App" a ON a."id" = g."id"
  JOIN "Organization" o ON o."id" = a."organizationId"`;

// Soonest due first; ties by app id. Risk: highest first, then soonest due (age of the due date).
const ORDERS: Record<AppQueueSort, (desc: boolean) => KeysetOrder> = {
  due: (desc) => ({ keys: [key.timestamp(`g."dueAt"`), key.uuid(`a."id"`)], desc }),
  waiting: (desc) => ({ keys: [key.age(`g."oldestAt"`), key.uuid(`a."id"`)], desc }),
  risk: (desc) => ({
    keys: [
      key.enumOf(`g."risk"`, "RiskLevel", RISK_LEVELS),
      key.age(`g."dueAt"`),
      key.uuid(`a."id"`),
    ],
    desc,
  }),
  app: (desc) => ({ keys: [key.text(`a."name"`), key.uuid(`a."id"`)], desc }),
  partner: (desc) => ({
    keys: [key.text(`o."name"`), key.uuid(`o."id"`), key.text(`a."name"`), key.uuid(`a."id"`)],
    desc,
  }),
};

/** `soonBefore`: one business day from now (deadlineStatus's "due soon"). */
export function appQueueWhere(
  query: { q: string } & AppQueueFilters,
  now: Date,
  soonBefore: Date,
): Prisma.Sql {
  const conditions = [Prisma.sql`TRUE`];
  if (query.risk) conditions.push(Prisma.sql`g."risk" = ${query.risk}::"RiskLevel"`);
  if (query.template) conditions.push(Prisma.sql`a."templateKey" = ${query.template}`);
  if (query.organizationId)
    conditions.push(Prisma.sql`a."organizationId" = ${query.organizationId}::uuid`);
  if (query.assigneeId === "none") conditions.push(Prisma.sql`a."approvalAssigneeId" IS NULL`);
  else if (query.assigneeId)
    conditions.push(Prisma.sql`a."approvalAssigneeId" = ${query.assigneeId}::uuid`);
  if (query.due === "overdue") conditions.push(Prisma.sql`g."dueAt" <= ${now}`);
  if (query.due === "soon") conditions.push(Prisma.sql`g."dueAt" <= ${soonBefore}`);
  if (query.q) {
    const like = likePattern(query.q);
    conditions.push(Prisma.sql`(a."name" ILIKE ${like} OR o."name" ILIKE ${like})`);
  }
  return Prisma.join(conditions, " AND ");
}

export function appQueueKeyset(
  query: { q: string; sort: Sort<AppQueueSort> } & AppQueueFilters,
  now: Date,
  holidays: readonly string[] = [],
): KeysetSpec {
  return {
    id: `a."id"`,
    from: GROUPS,
    where: appQueueWhere(query, now, addWorkingDays(now, 1, holidays)),
    sortId: `${query.sort.id}.${query.sort.desc ? "desc" : "asc"}`,
    order: ORDERS[query.sort.id](query.sort.desc),
  };
}

export async function findAppQueue(
  db: Db,
  query: KeysetQuery<AppQueueSort> & AppQueueFilters,
  now = new Date(),
): Promise<Page<AppQueueRow>> {
  const policy = await getCurrentPolicy(db);
  const holidays = (policy.policy.responseTargets ?? DEFAULT_RESPONSE_TARGETS).holidays;
  const { ids, frame } = await findKeysetPage(db, appQueueKeyset(query, now, holidays), query);
  const apps = await db.app.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      name: true,
      appType: true,
      clientType: true,
      launchModes: true,
      launchUrl: true,
      templateKey: true,
      organization: { select: { id: true, name: true } },
      approvalAssignee: { select: { id: true, name: true } },
      scopes: {
        where: { state: { in: LIVE_SCOPE_STATES } },
        orderBy: [{ dueAt: "asc" }, { scope: "asc" }],
        select: {
          id: true,
          scope: true,
          state: true,
          risk: true,
          version: true,
          dueAt: true,
          createdAt: true,
          approvalsRequired: true,
          _count: { select: { decisions: { where: { kind: "approve" } } } },
        },
      },
    },
  });
  const lintsByApp = await lintAppsOf(
    db,
    apps.map((a) => ({ appId: a.id, app: a })),
  );
  const rows = inOrder(ids, apps).map((a): AppQueueRow => {
    const template = a.templateKey ? getTemplate(a.templateKey) : undefined;
    const live = a.scopes.map((s) => s.scope);
    const diff = template ? diffScopes([...template.scopes], live) : null;
    const beyond = new Set(diff?.added ?? []);
    const pending = a.scopes.filter((s) => s.state === "pending");
    const riskCounts = Object.fromEntries(RISK_LEVELS.map((l) => [l, 0])) as Record<
      RiskLevel,
      number
    >;
    for (const s of pending) riskCounts[s.risk] += 1;
    const highestRisk = [...RISK_LEVELS].reverse().find((l) => riskCounts[l] > 0) ?? "low";
    const dueAt = new Date(Math.min(...pending.map((s) => s.dueAt.getTime())));
    return {
      id: a.id,
      name: a.name,
      appType: a.appType,
      partner: a.organization,
      template: template ? { key: template.key, name: template.name } : null,
      assignee: a.approvalAssignee,
      scopes: pending.map((s) => ({
        id: s.id,
        scope: s.scope,
        explanation: explainScope(parseScope(s.scope)),
        risk: s.risk,
        version: s.version,
        approvals: s._count.decisions,
        approvalsRequired: s.approvalsRequired,
        dueAt: s.dueAt,
        isBeyondTemplate: template ? beyond.has(s.scope) : false,
      })),
      leftOut: diff?.removed ?? [],
      riskCounts,
      highestRisk,
      dueAt,
      deadline: deadlineStatus(dueAt, now, holidays),
      oldestAt: new Date(Math.min(...pending.map((s) => s.createdAt.getTime()))),
      lints: lintsByApp.get(a.id) ?? [],
    };
  });
  // A set decided between the id read and this one leaves the page rather than showing empty.
  return { ...frame, rows: rows.filter((r) => r.scopes.length > 0) };
}
