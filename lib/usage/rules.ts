// Pure rules of usage evidence: days, thresholds, the sparkline's series.
const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC day of an instant, as the `date` column stores it. */
export const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/** The first day that counts as use for a grant to be "used" (now minus the threshold). */
export const unusedSince = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/** Whole days since `at` (0 today), or null when never. */
export function daysSince(at: Date | null, now: Date): number | null {
  return at === null ? null : Math.max(0, Math.floor((now.getTime() - at.getTime()) / DAY_MS));
}

/**
 * Unused: no allowed decision within the threshold, and granted long enough ago for that to mean
 * something (a grant approved yesterday is not "unused for 90 days").
 */
export function isUnused(
  grant: { lastUsedAt: Date | null; grantedAt: Date | null },
  now: Date,
  days: number,
): boolean {
  const since = unusedSince(now, days).getTime();
  if (grant.lastUsedAt !== null && grant.lastUsedAt.getTime() >= since) return false;
  return grant.grantedAt !== null && grant.grantedAt.getTime() < since;
}

/** Daily counts for the `days` days up to and including today's (oldest first), zeros filled in. */
export function dailySeries(
  rows: readonly { day: Date; count: number }[],
  now: Date,
  days = 90,
): number[] {
  const today = Date.parse(utcDay(now));
  const series = new Array<number>(days).fill(0);
  for (const row of rows) {
    const index = days - 1 - Math.round((today - Date.parse(utcDay(row.day))) / DAY_MS);
    if (index >= 0 && index < days) series[index]! += row.count;
  }
  return series;
}
