import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { DECISIONS, getCampaignReport } from "@/lib/reviews/report";
import { REVIEW_DECISION_LABELS } from "@/lib/reviews/rules";
import { PrintButton } from "./print-button";

export const metadata: Metadata = { title: "Access review report" };

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";
const td = "px-3 py-2 align-top text-sm text-slate-700";

export default async function CampaignReportPage({
  params,
}: {
  params: Promise<{ campaignId: string }>;
}) {
  const { campaignId } = await params;
  await requirePageUser(["admin"], `/admin/reviews/${campaignId}/report`);
  const report = await getCampaignReport(getDb(), campaignId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { campaign, counts } = report;
  const isClosed = campaign.status === "closed";
  return (
    <article className="space-y-6 print:text-black">
      <PageHeader
        title={`Access review report: ${campaign.name}`}
        description={`Opened ${formatDateTime(campaign.openedAt)}, due ${formatDateTime(campaign.dueAt)}${isClosed ? `, closed ${formatDateTime(campaign.closedAt)}` : " — still open: these figures are provisional"}. Unanswered items at close: ${campaign.closeAction === "revoke" ? "revoked" : "flagged"}.`}
        actions={
          <span className="flex gap-2 print:hidden">
            <Badge tone={isClosed ? "neutral" : "blue"}>{isClosed ? "Closed" : "Open"}</Badge>
            {/* A POST: the export is audited, and a GET must change nothing. */}
            <form method="post" action={`/admin/reviews/${campaign.id}/report/csv`}>
              <button type="submit" className={buttonClass("secondary", "sm")}>
                Download CSV
              </button>
            </form>
            <PrintButton />
          </span>
        }
      />
      <section aria-labelledby="counts">
        <h2 id="counts" className="mb-2 text-base font-semibold text-slate-900">
          Decisions ({report.total.toLocaleString("en")} grants reviewed)
        </h2>
        <table
          className="min-w-80 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
          aria-label="Counts by decision"
        >
          <thead>
            <tr>
              <th scope="col" className={th}>
                Decision
              </th>
              <th scope="col" className={`${th} text-right`}>
                Items
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {DECISIONS.filter((d) => d !== "pending" || counts.pending > 0).map((d) => (
              <tr key={d}>
                <th scope="row" className={`${td} text-left font-normal`}>
                  {REVIEW_DECISION_LABELS[d]}
                </th>
                <td className={`${td} text-right tabular-nums`} data-decision={d}>
                  {counts[d].toLocaleString("en")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="who">
        <h2 id="who" className="mb-2 text-base font-semibold text-slate-900">
          Who decided what, and when
        </h2>
        {report.reviewers.length === 0 ? (
          <p className="text-sm text-slate-600">No reviewer has decided anything yet.</p>
        ) : (
          <table
            className="w-full divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
            aria-label="Decisions by reviewer"
          >
            <thead>
              <tr>
                <th scope="col" className={th}>
                  Reviewer
                </th>
                <th scope="col" className={th}>
                  Decisions
                </th>
                <th scope="col" className={th}>
                  First
                </th>
                <th scope="col" className={th}>
                  Last
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {report.reviewers.map((r) => (
                <tr key={r.id}>
                  <td className={td}>
                    {r.name}
                    <br />
                    <span className="text-xs text-slate-500">{r.email}</span>
                  </td>
                  <td className={td}>
                    {Object.entries(r.counts)
                      .map(
                        ([d, n]) =>
                          `${n} ${REVIEW_DECISION_LABELS[d as keyof typeof REVIEW_DECISION_LABELS].toLowerCase()}`,
                      )
                      .join(", ")}
                  </td>
                  <td className={td}>{formatDateTime(r.first)}</td>
                  <td className={td}>{formatDateTime(r.last)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="revoked">
        <h2 id="revoked" className="mb-2 text-base font-semibold text-slate-900">
          What was revoked or narrowed
        </h2>
        {report.removed.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing was revoked or narrowed.</p>
        ) : (
          <table
            className="w-full divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
            aria-label="Revoked and narrowed grants"
          >
            <thead>
              <tr>
                {["App", "Partner", "Scope", "Outcome", "Reason", "By", "When"].map((h) => (
                  <th key={h} scope="col" className={th}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {report.removed.map((r) => (
                <tr key={r.id}>
                  <td className={td}>{r.app}</td>
                  <td className={td}>{r.partner}</td>
                  <td className={`${td} font-mono`}>{r.scope}</td>
                  <td className={td}>
                    {REVIEW_DECISION_LABELS[r.decision]}
                    {r.narrowedTo ? (
                      <>
                        {" "}
                        to <span className="font-mono">{r.narrowedTo}</span>
                      </>
                    ) : null}
                  </td>
                  <td className={td}>{r.reason ?? "—"}</td>
                  <td className={td}>{r.decidedBy}</td>
                  <td className={td}>{formatDateTime(r.decidedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {report.removed.length >= 1000 ? (
          <p className="mt-2 text-xs text-slate-500">
            The first 1,000 are listed; the CSV has every item.
          </p>
        ) : null}
      </section>
    </article>
  );
}
