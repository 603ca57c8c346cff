import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Access reviews" };

export default async function AdminReviewsPage() {
  await requirePageUser(["admin"], "/admin/reviews");
  const count = await getDb().reviewCampaign.count();
  return (
    <>
      <PageHeader title="Access reviews" description="Review schedules and campaigns: every live grant is re-certified on a schedule." />
      {count === 0 ? <EmptyState title="No review campaigns yet" description="Campaigns open on their schedule (quarterly by default) or by hand." /> : <p className="text-sm text-slate-600">{count} campaign(s).</p>}
    </>
  );
}
