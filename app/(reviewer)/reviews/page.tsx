import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "My reviews" };

export default async function MyReviewsPage() {
  const user = await requirePageUser(["reviewer"], "/reviews");
  const open = await getDb().reviewItem.count({ where: { reviewerId: user.id, decision: "pending" } });
  return (
    <>
      <PageHeader title="My reviews" description="Grants assigned to you in open access-review campaigns." />
      {open === 0 ? <EmptyState title="Nothing to review" description="When a review campaign opens, the grants assigned to you appear here." /> : <p className="text-sm text-slate-600">{open} item(s) to review.</p>}
    </>
  );
}
