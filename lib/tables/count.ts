// Row counts for table footers that stay cheap at a million rows: exact up to a threshold (a
// count that stops reading there), and beyond it PostgreSQL's own estimate for the same filtered
// query, read from EXPLAIN. The footer then says "about 1.2 M".
import type { Db } from "../database/client";
import { Prisma } from "../generated/prisma/client";

/** Up to this many matching rows the total is exact. */
export const EXACT_COUNT_LIMIT = 10_000;

export type RowCount = { total: number; isEstimated: boolean };

export async function countRows(
  db: Db,
  from: Prisma.Sql,
  where: Prisma.Sql,
  limit = EXACT_COUNT_LIMIT,
): Promise<RowCount> {
  const [bounded] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} WHERE ${where} LIMIT ${limit + 1}) AS t`;
  const exact = bounded?.n ?? 0;
  if (exact <= limit) return { total: exact, isEstimated: false };
  const estimate = await estimateRows(db, from, where);
  // The planner can guess low; the bounded count already proved more than `limit` rows.
  return { total: Math.max(limit + 1, estimate), isEstimated: true };
}

/** The planner's row estimate for SELECT … FROM from WHERE where (no rows are read). */
export async function estimateRows(db: Db, from: Prisma.Sql, where: Prisma.Sql): Promise<number> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>(
    Prisma.sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${from} WHERE ${where}`,
  );
  const raw = rows[0] ? Object.values(rows[0])[0] : null;
  const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as
    { Plan?: { "Plan Rows"?: number } }[] | null;
  return Math.round(plan?.[0]?.Plan?.["Plan Rows"] ?? 0);
}
