// Writing and pruning usage rows. One statement per kind and batch: the counters arrive keyed by
// "appId scope", and allowed ones are matched to the live grant row they were decided against.
import type { Db, Tx } from "../database/client";
import { utcDay } from "./rules";

/** Counts per app and single scope, as three parallel columns (one array parameter each). */
export type UsageColumns = { appIds: string[]; scopes: string[]; values: number[] };

export type UsageBatch = {
  /** Allowed decisions per app and matched grant's scope. */
  allowed: UsageColumns;
  /** Denied decisions per app and required scope. */
  denied: UsageColumns;
};

/** How long daily counts are kept: 13 months, so a year can be compared with the one before. */
export const USAGE_RETENTION_MONTHS = 13;

export async function writeUsageBatch(db: Db | Tx, batch: UsageBatch, now: Date): Promise<void> {
  const day = utcDay(now);
  if (batch.allowed.appIds.length > 0) {
    const { appIds, scopes, values } = batch.allowed;
    await db.$executeRaw`
      INSERT INTO "GrantUsageDay" ("appScopeId", "day", "count", "lastUsedAt")
      SELECT s."id", ${day}::date, u.n, ${now}
      FROM unnest(${appIds}::uuid[], ${scopes}::text[], ${values}::int[]) AS u(app_id, scope, n)
      JOIN "AppScope" s ON s."appId" = u.app_id AND s."scope" = u.scope AND s."state" = 'granted'
      ON CONFLICT ("appScopeId", "day") DO UPDATE
        SET "count" = "GrantUsageDay"."count" + EXCLUDED."count",
            "lastUsedAt" = GREATEST("GrantUsageDay"."lastUsedAt", EXCLUDED."lastUsedAt")`;
  }
  if (batch.denied.appIds.length > 0) {
    const { appIds, scopes, values } = batch.denied;
    await db.$executeRaw`
      INSERT INTO "DeniedDecisionDay" ("appId", "scope", "day", "count", "lastDeniedAt")
      SELECT u.app_id, u.scope, ${day}::date, u.n, ${now}
      FROM unnest(${appIds}::uuid[], ${scopes}::text[], ${values}::int[]) AS u(app_id, scope, n)
      JOIN "App" a ON a."id" = u.app_id
      ON CONFLICT ("appId", "scope", "day") DO UPDATE
        SET "count" = "DeniedDecisionDay"."count" + EXCLUDED."count",
            "lastDeniedAt" = GREATEST("DeniedDecisionDay"."lastDeniedAt", EXCLUDED."lastDeniedAt")`;
  }
}

/** Drops daily rows older than the retention. */
export async function pruneUsage(db: Db | Tx, now: Date): Promise<number> {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - USAGE_RETENTION_MONTHS);
  const day = utcDay(cutoff);
  const grants = await db.$executeRaw`DELETE FROM "GrantUsageDay" WHERE "day" < ${day}::date`;
  const denied = await db.$executeRaw`DELETE FROM "DeniedDecisionDay" WHERE "day" < ${day}::date`;
  return grants + denied;
}
