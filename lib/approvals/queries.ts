// Admin reads: the approval queue and one request with everything an approver needs.
import type { Db } from "../database/client";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import type { RiskLevel } from "../generated/prisma/enums";
import { evaluatePolicy } from "../policy";
import { explainScope, lintScopes, parseScope, parseScopes, type Finding } from "../scopes";
import { pageOf, skipOf, type Page, type TableQuery } from "../tables/query";
import { parseIdParam } from "../validation";
import { getCurrentPolicy } from "./policy-versions";
import { isLiveScopeState, LIVE_SCOPE_STATES } from "./rules";

export const QUEUE_SORTABLE = ["waiting", "risk", "app", "partner"] as const;
export type QueueSort = (typeof QUEUE_SORTABLE)[number];
export type QueueFilters = {
  risk?: RiskLevel;
  context?: "patient" | "user" | "system";
  organizationId?: string;
  twoPerson?: boolean;
};

export type QueueRow = {
  id: string;
  scope: string;
  explanation: string;
  risk: RiskLevel;
  createdAt: Date;
  waitingMs: number;
  version: number;
  approvalsRequired: number;
  approvals: number;
  justification: string | null;
  app: { id: string; name: string; appType: string };
  partner: { id: string; name: string };
  lints: Finding[];
};

export function queueWhere(query: { q: string } & QueueFilters): Prisma.AppScopeWhereInput {
  return {
    state: "pending",
    ...(query.risk ? { risk: query.risk } : {}),
    ...(query.context ? { scope: { startsWith: `${query.context}/` } } : {}),
    ...(query.twoPerson ? { approvalsRequired: { gte: 2 } } : {}),
    ...(query.organizationId ? { app: { organizationId: query.organizationId } } : {}),
    ...(query.q
      ? {
          OR: [
            { scope: { contains: query.q } },
            { app: { name: { contains: query.q, mode: "insensitive" } } },
            { app: { organization: { name: { contains: query.q, mode: "insensitive" } } } },
          ],
        }
      : {}),
  };
}

function queueOrder(sort: {
  id: QueueSort;
  desc: boolean;
}): Prisma.AppScopeOrderByWithRelationInput[] {
  const dir = sort.desc ? "desc" : "asc";
  // "Waiting" longest first means oldest first, so the direction is inverted on createdAt.
  const byAge: Prisma.AppScopeOrderByWithRelationInput = { createdAt: sort.desc ? "asc" : "desc" };
  switch (sort.id) {
    case "risk":
      return [{ risk: dir }, byAge, { id: "asc" }];
    case "app":
      return [{ app: { name: dir } }, byAge, { id: "asc" }];
    case "partner":
      return [{ app: { organization: { name: dir } } }, byAge, { id: "asc" }];
    default:
      return [byAge, { id: "asc" }];
  }
}

export async function findApprovalQueue(
  db: Db,
  query: TableQuery<QueueSort> & QueueFilters,
  now = new Date(),
): Promise<Page<QueueRow>> {
  const where = queueWhere(query);
  const [rows, total] = await Promise.all([
    db.appScope.findMany({
      where,
      orderBy: queueOrder(query.sort),
      skip: skipOf(query),
      take: query.perPage,
      select: {
        id: true,
        scope: true,
        risk: true,
        createdAt: true,
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
    }),
    db.appScope.count({ where }),
  ]);
  // Lints are about the whole set an app holds or asks for: one query for the page's apps.
  const appIds = [...new Set(rows.map((r) => r.appId))];
  const sets = await db.appScope.findMany({
    where: { appId: { in: appIds }, state: { in: LIVE_SCOPE_STATES } },
    select: { appId: true, scope: true },
  });
  const lintsByApp = new Map<string, Finding[]>();
  for (const row of rows) {
    if (lintsByApp.has(row.appId)) continue;
    const scopes = sets.filter((s) => s.appId === row.appId).map((s) => s.scope);
    const { app } = row;
    lintsByApp.set(
      row.appId,
      lintScopes(parseScopes(scopes), {
        appType: app.appType,
        clientType: app.clientType,
        launchModes: app.launchModes,
        launchUrl: app.launchUrl,
        signsUsersIn: app.appType !== "backend",
      }),
    );
  }
  return pageOf(
    rows.map((r) => ({
      id: r.id,
      scope: r.scope,
      explanation: explainScope(parseScope(r.scope)),
      risk: r.risk,
      createdAt: r.createdAt,
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
    total,
    query,
  );
}

/** One request with its app's whole scope set, the justification, the history and what policy says now. */
export async function getRequestDetail(db: Db, appScopeId: string, now = new Date()) {
  appScopeId = parseIdParam(appScopeId, "That request");
  const request = await db.appScope.findUnique({
    where: { id: appScopeId },
    include: {
      app: {
        include: {
          organization: { select: { id: true, name: true, status: true } },
          scopes: {
            orderBy: [{ state: "asc" }, { scope: "asc" }],
            select: { id: true, scope: true, state: true, risk: true, stateReason: true },
          },
        },
      },
      events: { orderBy: { createdAt: "asc" } },
      decisions: { orderBy: { createdAt: "asc" } },
      policyVersion: { select: { version: true } },
    },
  });
  if (!request) throw new AppError("NOT_FOUND", "That request was not found.");
  const people = await db.user.findMany({
    where: {
      id: {
        in: [
          ...request.events.map((e) => e.actorId),
          ...request.decisions.map((d) => d.adminId),
          request.requestedById,
        ].filter((id): id is string => !!id),
      },
    },
    select: { id: true, name: true, email: true, role: true },
  });
  const policy = await getCurrentPolicy(db);
  const parsed = parseScope(request.scope);
  const { app } = request;
  const live = app.scopes.filter((s) => isLiveScopeState(s.state)).map((s) => s.scope);
  return {
    request,
    people: new Map(people.map((p) => [p.id, p])),
    explanation: explainScope(parsed),
    waitingMs: now.getTime() - request.createdAt.getTime(),
    policy: {
      version: policy.version,
      decision: evaluatePolicy(policy.policy, parsed, app.appType),
    },
    lints: lintScopes(parseScopes(live), {
      appType: app.appType,
      clientType: app.clientType,
      launchModes: app.launchModes,
      launchUrl: app.launchUrl,
      signsUsersIn: app.appType !== "backend",
    }),
  };
}
