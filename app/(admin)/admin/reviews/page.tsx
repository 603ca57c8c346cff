import type { Metadata } from "next";
import Link from "next/link";
import { ProgressBar } from "@/components/ui/progress-bar";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { formatDate } from "@/lib/format";
import { getReviewDashboard } from "@/lib/reviews/dashboard";
import {
  CloseCampaignButton,
  DeleteScheduleButton,
  OpenCampaignButton,
} from "./_components/campaign-controls";
import { RiskChart } from "./_components/risk-chart";

export const metadata: Metadata = { title: "Access reviews" };

const cadenceWords = {
  monthly: "Monthly",
  quarterly: "Quarterly",
  semiannual: "Every six months",
  annual: "Yearly",
} as const;
const filterWords = {
  all: "every live grant",
  system_and_write: "system and write scopes",
  organization: "one partner",
  unused: "unused grants",
} as const;
const assignmentWords = {
  named: "named reviewers",
  round_robin: "round robin",
  by_partner: "by partner",
} as const;

export default async function AdminReviewsPage() {
  await requirePageUser(["admin"], "/admin/reviews");
  const data = await getReviewDashboard(getDb());
  const partnerName = (id: string | null) =>
    data.partners.find((p) => p.id === id)?.name ?? "a removed partner";
  return (
    <>
      <PageHeader
        title="Access reviews"
        description="Every live grant is re-certified on a schedule. Follow open campaigns, read the evidence of closed ones, and manage the schedules."
        actions={
          <ButtonLink href="/admin/reviews/schedules/new" size="sm">
            New schedule
          </ButtonLink>
        }
      />
      <div className="space-y-6">
        <Card>
          <CardHeader
            title="Open campaigns"
            description="Progress of each campaign; overdue ones were escalated to admins."
          />
          <CardBody>
            {data.open.length === 0 ? (
              <EmptyState
                title="No campaign is open"
                description="Campaigns open on their schedule (quarterly by default), or open one now from a schedule below."
              />
            ) : (
              <ul className="divide-y divide-slate-100" aria-label="Open campaigns">
                {data.open.map((c) => (
                  <li key={c.id} className="space-y-2 py-3">
                    <div className="flex flex-wrap items-center justify-between gap-3">
                      <div>
                        <p className="font-medium text-slate-900">{c.name}</p>
                        <p className="text-sm text-slate-600">
                          Opened {formatDate(c.openedAt)} · due {formatDate(c.dueAt)} · unanswered
                          items will be {c.closeAction === "revoke" ? "revoked" : "flagged"}
                          {c.unassigned ? ` · ${c.unassigned} unassigned` : ""}
                        </p>
                      </div>
                      <div className="flex flex-wrap items-center gap-2">
                        {c.isOverdue ? <Badge tone="red">Overdue</Badge> : null}
                        <ButtonLink
                          href={`/admin/reviews/${c.id}/report`}
                          variant="ghost"
                          size="sm"
                          aria-label={`Progress report for ${c.name}`}
                        >
                          Report
                        </ButtonLink>
                        <CloseCampaignButton
                          campaignId={c.id}
                          name={c.name}
                          closeAction={c.closeAction}
                        />
                      </div>
                    </div>
                    <ProgressBar
                      done={c.progress.decided}
                      total={c.progress.total}
                      label={`${c.name} progress`}
                    />
                  </li>
                ))}
              </ul>
            )}
          </CardBody>
        </Card>

        <Card>
          <CardHeader
            title="Grants by risk over time"
            description="The live grants each closed campaign reviewed."
          />
          <CardBody>
            {data.riskHistory.length === 0 ? (
              <p className="text-sm text-slate-600">
                The chart appears once a campaign has closed.
              </p>
            ) : (
              <RiskChart data={data.riskHistory} />
            )}
          </CardBody>
        </Card>

        <Card>
          <CardHeader
            title="Closed campaigns"
            description="The evidence for auditors: a printable report and a CSV of every decision."
          />
          <CardBody>
            {data.closed.length === 0 ? (
              <p className="text-sm text-slate-600">No campaign has closed yet.</p>
            ) : (
              <ul className="divide-y divide-slate-100" aria-label="Closed campaigns">
                {data.closed.map((c) => (
                  <li key={c.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
                    <span>
                      <span className="font-medium text-slate-900">{c.name}</span>{" "}
                      <span className="text-sm text-slate-600">
                        closed {formatDate(c.closedAt)}
                      </span>
                    </span>
                    <span className="flex gap-2">
                      <ButtonLink
                        href={`/admin/reviews/${c.id}/report`}
                        variant="secondary"
                        size="sm"
                        aria-label={`Report for ${c.name}`}
                      >
                        Report
                      </ButtonLink>
                      {/* A POST: the export is audited, and a GET must change nothing. */}
                      <form method="post" action={`/admin/reviews/${c.id}/report/csv`}>
                        <button
                          type="submit"
                          className="inline-flex h-8 items-center rounded-md px-3 text-sm text-slate-700 hover:bg-slate-100"
                          aria-label={`CSV for ${c.name}`}
                        >
                          CSV
                        </button>
                      </form>
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </CardBody>
        </Card>

        <Card>
          <CardHeader
            title="Schedules"
            description="When campaigns open, over which grants, who reviews them, and what happens to unanswered items."
          />
          <CardBody>
            {data.schedules.length === 0 ? (
              <EmptyState
                title="No review schedule"
                description="Create one: the default reviews every live grant each quarter."
                action={
                  <ButtonLink href="/admin/reviews/schedules/new" size="sm">
                    New schedule
                  </ButtonLink>
                }
              />
            ) : (
              <ul className="divide-y divide-slate-100" aria-label="Schedules">
                {data.schedules.map((s) => (
                  <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                    <div>
                      <p className="font-medium text-slate-900">
                        <Link
                          href={`/admin/reviews/schedules/${s.id}`}
                          className="text-brand-700 hover:underline"
                        >
                          {s.name}
                        </Link>{" "}
                        {s.active ? null : <Badge>Paused</Badge>}
                      </p>
                      <p className="text-sm text-slate-600">
                        {cadenceWords[s.cadence]} over{" "}
                        {s.scopeFilter === "organization"
                          ? partnerName(s.organizationId)
                          : filterWords[s.scopeFilter]}
                        , {assignmentWords[s.assignment]}; due in {s.dueInDays} days, reminder{" "}
                        {s.reminderDaysBefore} days before; unanswered → {s.closeAction}.
                        {s.active ? ` Next run ${formatDate(s.nextRunAt)}.` : ""}
                      </p>
                    </div>
                    <div className="flex flex-wrap items-center gap-2">
                      <OpenCampaignButton scheduleId={s.id} name={s.name} />
                      {s._count.campaigns === 0 ? (
                        <DeleteScheduleButton scheduleId={s.id} name={s.name} />
                      ) : null}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
