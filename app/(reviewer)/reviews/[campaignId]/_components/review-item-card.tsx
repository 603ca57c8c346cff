"use client";
import type { Ref } from "react";
import { RiskBadge } from "@/components/scopes/badges";
import { expiryText, lastUsedText, Sparkline } from "@/components/scopes/grant-evidence";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { formatDate, formatDateTime } from "@/lib/format";
import type { ReviewItemRow } from "@/lib/reviews/queries";
import { REVIEW_DECISION_LABELS } from "@/lib/reviews/rules";

const decisionTone = {
  pending: "neutral",
  certified: "green",
  revoked: "red",
  narrowed: "purple",
  flagged: "amber",
  auto_revoked: "red",
} as const;

type Props = {
  ref?: Ref<HTMLElement>;
  item: ReviewItemRow;
  /** The server's clock when the page was read ("last used 3 days ago"). */
  now: Date;
  isActive: boolean;
  canDecide: boolean;
  isBusy: boolean;
  onFocus: () => void;
  onCertify: () => void;
  onRevoke: () => void;
  onNarrow: () => void;
};

export function ReviewItemCard({
  ref,
  item,
  now,
  isActive,
  canDecide,
  isBusy,
  onFocus,
  onCertify,
  onRevoke,
  onNarrow,
}: Props) {
  const label = `${item.scope} for ${item.app.name}`;
  return (
    <article
      ref={ref}
      tabIndex={-1}
      aria-label={label}
      aria-current={isActive || undefined}
      onFocus={onFocus}
      onClick={onFocus}
      className={cn(
        "rounded-lg border bg-white p-4 shadow-sm outline-none",
        isActive ? "border-brand-500 ring-brand-200 ring-2" : "border-slate-200",
      )}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-64 flex-1 space-y-1">
          <p className="text-sm text-slate-600">
            <span className="font-medium text-slate-900">{item.app.name}</span> ·{" "}
            {item.partner.name}
          </p>
          <p className="font-mono text-sm text-slate-900">{item.scope}</p>
          <p className="text-sm text-slate-700">{item.explanation}</p>
          {item.riskReasons.length ? (
            <p className="text-xs text-slate-500">{item.riskReasons.join(" ")}</p>
          ) : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <RiskBadge level={item.risk} />
          {item.decision !== "pending" ? (
            <Badge tone={decisionTone[item.decision]}>
              {REVIEW_DECISION_LABELS[item.decision]}
            </Badge>
          ) : null}
        </div>
      </div>
      <dl className="mt-3 grid gap-x-6 gap-y-1 text-xs text-slate-600 sm:grid-cols-2">
        <div>
          <dt className="inline font-medium">Granted: </dt>
          <dd className="inline">
            {item.grantedAt ? `${formatDateTime(item.grantedAt)} by ${item.grantedBy}` : "—"}
          </dd>
        </div>
        <div className="flex flex-wrap items-center gap-2 sm:col-span-2">
          <dt className="sr-only">Usage</dt>
          <dd className="flex flex-wrap items-center gap-2">
            <span>{lastUsedText(item.usage.lastUsedAt, now)}</span>
            <Sparkline
              daily={item.usage.daily}
              label={`${item.usage.total.toLocaleString("en")} allowed decisions in the last ${item.usage.daily.length} days`}
            />
            <span>{expiryText(item.expiresAt, now)}</span>
          </dd>
        </div>
        <div>
          <dt className="inline font-medium">Last review: </dt>
          <dd className="inline">
            {item.lastReview
              ? `${REVIEW_DECISION_LABELS[item.lastReview.decision]} in ${item.lastReview.campaignName} (${formatDate(item.lastReview.decidedAt)})`
              : "none"}
          </dd>
        </div>
        {item.decision !== "pending" && item.reason ? (
          <div className="sm:col-span-2">
            <dt className="inline font-medium">Reason: </dt>
            <dd className="inline">{item.reason}</dd>
          </div>
        ) : null}
        {item.narrowedTo ? (
          <div className="sm:col-span-2">
            <dt className="inline font-medium">Narrowed to: </dt>
            <dd className="inline font-mono">{item.narrowedTo}</dd>
          </div>
        ) : null}
      </dl>
      {item.signals.length ? (
        <ul className="mt-2 flex flex-wrap gap-2" aria-label="Signals">
          {item.signals.map((s) => (
            <li key={`${s.code}:${s.label}`}>
              <Badge tone={s.code === "never_reviewed" ? "blue" : "amber"}>{s.label}</Badge>
            </li>
          ))}
        </ul>
      ) : null}
      {canDecide ? (
        <div className="mt-3 flex flex-wrap gap-2">
          <Button size="sm" disabled={isBusy} onClick={onCertify} aria-label={`Certify ${label}`}>
            Certify
          </Button>
          <Button
            size="sm"
            variant="secondary"
            disabled={isBusy}
            onClick={onRevoke}
            aria-label={`Revoke ${label}`}
          >
            Revoke…
          </Button>
          <Button
            size="sm"
            variant="secondary"
            disabled={isBusy}
            onClick={onNarrow}
            aria-label={`Narrow ${label}`}
          >
            Narrow…
          </Button>
        </div>
      ) : null}
    </article>
  );
}
