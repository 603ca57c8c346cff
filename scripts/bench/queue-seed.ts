// bench:queue's data: `grants` scope rows, 50 per app over 200 partners, half of them pending.
import type { Db } from "../../lib/database/client";
import { insertPartnersAndApps, RESOURCE_TYPES_CTE } from "./fixtures";

const PER_APP = 50;

export async function seedQueue(db: Db, grants: number) {
  const started = performance.now();
  const apps = Math.ceil(grants / PER_APP);
  await insertPartnersAndApps(db, apps);
  // 50 distinct scopes per app over real resource types; half pending, the rest granted, denied or revoked.
  await db.$executeRawUnsafe(`
    WITH ${RESOURCE_TYPES_CTE},
    apps AS (SELECT "id", row_number() OVER (ORDER BY "createdAt") AS n FROM "App")
    INSERT INTO "AppScope" ("id", "appId", "scope", "requested", "state", "risk", "policyOutcome", "approvalsRequired", "stateReason", "createdAt", "updatedAt", "stateChangedAt")
    SELECT gen_random_uuid(), a."id", s.scope, s.scope,
      (CASE WHEN (a.n + j) % 2 = 0 THEN 'pending' WHEN (a.n + j) % 7 = 1 THEN 'denied' WHEN (a.n + j) % 11 = 3 THEN 'revoked' ELSE 'granted' END)::"ScopeState",
      (CASE WHEN j % 4 = 0 THEN 'critical' WHEN j % 4 = 1 THEN 'high' WHEN j % 4 = 2 THEN 'medium' ELSE 'low' END)::"RiskLevel",
      (CASE WHEN j % 4 = 0 THEN 'two_approvers' ELSE 'one_approver' END)::"PolicyOutcome",
      CASE WHEN j % 4 = 0 THEN 2 ELSE 1 END, 'Waiting for an administrator',
      now() - ((a.n * ${PER_APP} + j) || ' seconds')::interval, now(), now()
    FROM apps a
    CROSS JOIN generate_series(0, ${PER_APP - 1}) AS j
    JOIN types ON types.k = j % 25
    CROSS JOIN LATERAL (SELECT (CASE WHEN j < 25 THEN 'system/' ELSE 'user/' END) || types.t || (CASE WHEN j % 3 = 0 THEN '.cruds' ELSE '.rs' END) AS scope) s`);
  // As autovacuum would leave it: statistics for the planner, visibility for index-only scans.
  await db.$executeRawUnsafe(`VACUUM ANALYZE`);
  const [counts] = await db.$queryRaw<{ rows: number; pending: number }[]>`
    SELECT count(*)::int AS rows, count(*) FILTER (WHERE "state" = 'pending')::int AS pending FROM "AppScope"`;
  const [partner] = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Organization" WHERE "name" = 'Partner 100'`;
  return {
    ...counts!,
    apps,
    partnerId: partner!.id,
    seconds: (performance.now() - started) / 1000,
  };
}
