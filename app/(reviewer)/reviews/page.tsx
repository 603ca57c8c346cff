import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { formatDate } from "@/lib/format";
import { findMyCampaigns } from "@/lib/reviews/queries";
import { ProgressBar } from "@/components/ui/progress-bar";

export const metadata: Metadata = { title: "My reviews" };

export default async function MyReviewsPage() {
  const user = await requirePageUser(["reviewer"], "/reviews");
  const campaigns = await findMyCampaigns(getDb(), user.id);
  return (
    <>
      <PageHeader
        title="My reviews"
        description="Access-review campaigns with grants assigned to you. Open one to certify, revoke or narrow each grant."
      />
      {campaigns.length === 0 ? (
        <EmptyState
          title="Nothing to review"
          description="When a review campaign opens, the grants assigned to you appear here."
        />
      ) : (
        <ul className="space-y-3" aria-label="Campaigns">
          {campaigns.map((c) => {
            const left = c.progress.total - c.progress.decided;
            return (
              <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <div className="flex flex-wrap items-center justify-between gap-3">
                  <div>
                    <Link
                      href={`/reviews/${c.id}`}
                      className="text-base font-semibold text-brand-700 hover:underline"
                    >
                      {c.name}
                    </Link>
                    <p className="text-sm text-slate-600">
                      {c.status === "open"
                        ? `Due ${formatDate(c.dueAt)}`
                        : `Closed ${formatDate(c.closedAt)}`}{" "}
                      · {left === 0 ? "all answered" : `${left} left to review`}
                    </p>
                  </div>
                  <div className="flex items-center gap-2">
                    {c.isOverdue ? <Badge tone="red">Overdue</Badge> : null}
                    <Badge tone={c.status === "open" ? "blue" : "neutral"}>
                      {c.status === "open" ? "Open" : "Closed"}
                    </Badge>
                  </div>
                </div>
                <ProgressBar
                  className="mt-3"
                  done={c.progress.decided}
                  total={c.progress.total}
                  label={`${c.name}: your progress`}
                />
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
