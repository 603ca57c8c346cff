// A grant's age at a glance: last use, a 90-day sparkline of allowed decisions, "unused" when the
// policy's threshold has passed, and its expiry. Rendered on the server; no script needed.
import { formatDate } from "@/lib/format";
import { daysSince, isUnused } from "@/lib/usage/rules";
import { Badge } from "../ui/badge";

export type GrantEvidenceData = {
  lastUsedAt: Date | null;
  /** Allowed decisions per day, oldest first, ending today. */
  daily: number[];
  expiresAt: Date | null;
  grantedAt: Date | null;
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function expiryText(expiresAt: Date | null, now: Date): string {
  if (!expiresAt) return "No expiry";
  const days = Math.ceil((expiresAt.getTime() - now.getTime()) / 86_400_000);
  if (days <= 0) return `Expired ${formatDate(expiresAt)}`;
  return `Expires in ${plural(days, "day")} (${formatDate(expiresAt)})`;
}

export function lastUsedText(lastUsedAt: Date | null, now: Date): string {
  const days = daysSince(lastUsedAt, now);
  if (days === null) return "Never used";
  return days === 0 ? "Last used today" : `Last used ${plural(days, "day")} ago`;
}

export function Sparkline({ daily, label }: { daily: number[]; label: string }) {
  const width = 90;
  const height = 18;
  const max = Math.max(1, ...daily);
  const step = daily.length > 1 ? width / (daily.length - 1) : width;
  const points = daily
    .map((n, i) => `${(i * step).toFixed(1)},${(height - 1 - (n / max) * (height - 2)).toFixed(1)}`)
    .join(" ");
  return (
    <svg
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      className="text-brand-600"
    >
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.25" />
    </svg>
  );
}

export function GrantEvidence({
  grant,
  now,
  unusedAfterDays,
}: {
  grant: GrantEvidenceData;
  now: Date;
  unusedAfterDays: number;
}) {
  const total = grant.daily.reduce((sum, n) => sum + n, 0);
  const isIdle = isUnused(grant, now, unusedAfterDays);
  const expiresSoon =
    grant.expiresAt !== null && grant.expiresAt.getTime() - now.getTime() <= 30 * 86_400_000;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
      <span>{lastUsedText(grant.lastUsedAt, now)}</span>
      {grant.daily.length ? (
        <Sparkline
          daily={grant.daily}
          label={`${total.toLocaleString("en")} allowed decisions in the last ${grant.daily.length} days`}
        />
      ) : null}
      {isIdle ? <Badge tone="amber">Unused for {unusedAfterDays}+ days</Badge> : null}
      <span className={expiresSoon ? "font-medium text-amber-800" : undefined}>
        {expiryText(grant.expiresAt, now)}
      </span>
    </div>
  );
}
