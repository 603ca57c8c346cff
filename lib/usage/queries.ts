// Reads of usage evidence for pages, the grants endpoint, exports and reviews.
import type { Db, Tx } from "../database/client";
import { dailySeries, unusedSince, utcDay } from "./rules";

export type GrantUsage = {
  lastUsedAt: Date | null;
  /** Allowed decisions per UTC day, oldest first, ending today (90 days unless asked otherwise). */
  daily: number[];
  total: number;
};

const NEVER: GrantUsage = { lastUsedAt: null, daily: [], total: 0 };

/** Last use of each grant (any time within the retention), without the daily series. */
export async function findLastUsed(
  db: Db | Tx,
  appScopeIds: readonly string[],
): Promise<Map<string, Date>> {
  if (appScopeIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ id: string; lastUsedAt: Date }[]>`
    SELECT u."appScopeId" AS "id", max(u."lastUsedAt") AS "lastUsedAt"
    FROM "GrantUsageDay" u WHERE u."appScopeId" = ANY(${[...appScopeIds]}::uuid[])
    GROUP BY u."appScopeId"`;
  return new Map(rows.map((r) => [r.id, r.lastUsedAt]));
}

/** Last use and the daily series of each grant; grants never used get an all-zero series. */
export async function findGrantUsage(
  db: Db | Tx,
  appScopeIds: readonly string[],
  now: Date,
  days = 90,
): Promise<Map<string, GrantUsage>> {
  const result = new Map<string, GrantUsage>();
  if (appScopeIds.length === 0) return result;
  const [lastUsed, rows] = await Promise.all([
    findLastUsed(db, appScopeIds),
    db.grantUsageDay.findMany({
      where: {
        appScopeId: { in: [...appScopeIds] },
        day: { gte: new Date(utcDay(unusedSince(now, days - 1))) },
      },
      select: { appScopeId: true, day: true, count: true },
    }),
  ]);
  const byGrant = new Map<string, { day: Date; count: number }[]>();
  for (const row of rows)
    (byGrant.get(row.appScopeId) ?? byGrant.set(row.appScopeId, []).get(row.appScopeId)!).push(row);
  for (const id of appScopeIds) {
    const daily = dailySeries(byGrant.get(id) ?? [], now, days);
    result.set(id, {
      lastUsedAt: lastUsed.get(id) ?? null,
      daily,
      total: daily.reduce((sum, n) => sum + n, 0),
    });
  }
  return result;
}

export const usageOf = (usage: Map<string, GrantUsage>, id: string): GrantUsage =>
  usage.get(id) ?? NEVER;

export type DeniedHint = { scope: string; count: number; lastDeniedAt: Date };

/** What an app keeps asking for and lacks: denied decisions per required scope, most first. */
export async function findDeniedHints(
  db: Db | Tx,
  appId: string,
  now: Date,
  days = 30,
  limit = 10,
): Promise<DeniedHint[]> {
  const rows = await db.deniedDecisionDay.groupBy({
    by: ["scope"],
    where: { appId, day: { gte: new Date(utcDay(unusedSince(now, days - 1))) } },
    _sum: { count: true },
    _max: { lastDeniedAt: true },
    orderBy: { _sum: { count: "desc" } },
    take: limit,
  });
  return rows.map((r) => ({
    scope: r.scope,
    count: r._sum.count ?? 0,
    lastDeniedAt: r._max.lastDeniedAt!,
  }));
}

export type GrantDates = { scope: string; expiresAt: Date | null; lastUsedAt: Date | null };

/** Each live grant of the apps with its expiry and last use, for the grants endpoint and exports. */
export async function findGrantDates(
  db: Db | Tx,
  appIds: readonly string[],
): Promise<Map<string, GrantDates[]>> {
  const result = new Map<string, GrantDates[]>();
  if (appIds.length === 0) return result;
  const rows = await db.$queryRaw<(GrantDates & { appId: string })[]>`
    SELECT s."appId", s."scope", s."expiresAt",
           (SELECT max(u."lastUsedAt") FROM "GrantUsageDay" u WHERE u."appScopeId" = s."id") AS "lastUsedAt"
    FROM "AppScope" s
    WHERE s."appId" = ANY(${[...appIds]}::uuid[]) AND s."state" = 'granted'
    ORDER BY s."appId", s."scope"`;
  for (const { appId, ...row } of rows)
    (result.get(appId) ?? result.set(appId, []).get(appId)!).push(row);
  return result;
}
