// bench:queue's same-run baseline: the approval queue as it was paged before keysets, with
// OFFSET and an exact count(*) on every page (rows and count only; the lints are left out, which
// favours the baseline).
import type { QueueFilters, QueueSort } from "../../lib/approvals/queue";
import type { Db } from "../../lib/database/client";
import type { Prisma } from "../../lib/generated/prisma/client";
import type { Sort } from "../../lib/tables/query";

function offsetWhere(filters: QueueFilters): Prisma.AppScopeWhereInput {
  return {
    state: "pending",
    ...(filters.risk ? { risk: filters.risk } : {}),
    ...(filters.context ? { scope: { startsWith: `${filters.context}/` } } : {}),
    ...(filters.twoPerson ? { approvalsRequired: { gte: 2 } } : {}),
    ...(filters.organizationId ? { app: { organizationId: filters.organizationId } } : {}),
  };
}

function offsetOrder(sort: Sort<QueueSort>): Prisma.AppScopeOrderByWithRelationInput[] {
  const dir = sort.desc ? "desc" : "asc";
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

export async function findQueueByOffset(
  db: Db,
  query: { page: number; perPage: number; sort: Sort<QueueSort> } & QueueFilters,
) {
  const where = offsetWhere(query);
  const [rows, total] = await Promise.all([
    db.appScope.findMany({
      where,
      orderBy: offsetOrder(query.sort),
      skip: (query.page - 1) * query.perPage,
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
            organization: { select: { id: true, name: true } },
          },
        },
        _count: { select: { decisions: { where: { kind: "approve" } } } },
      },
    }),
    db.appScope.count({ where }),
  ]);
  return { rows, total };
}
