import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { findQueuePartners, hasPendingRequests } from "@/lib/approvals/queries";
import { findApprovalQueue } from "@/lib/approvals/queue";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { QueueTable } from "./_components/queue-table";
import { QueueViews } from "./_components/queue-views";
import { queueTableUrl } from "./search-params";

export const metadata: Metadata = { title: "Approvals" };

type Props = { searchParams: Promise<SearchParams> };

export default async function ApprovalsPage({ searchParams }: Props) {
  await requirePageUser(["admin"], "/admin/approvals");
  const url = await queueTableUrl.load(searchParams);
  const db = getDb();
  const [partners, page, anyPending] = await Promise.all([
    findQueuePartners(db),
    findApprovalQueue(db, {
      ...url,
      organizationId: url.partner,
      twoPerson: url.approvers === "two",
    }),
    hasPendingRequests(db),
  ]);
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Scope requests that policy says need an administrator. Open one to see the app's whole scope set, the partner's justification and the history; or select several to approve or deny together."
      />
      <QueueViews current="scopes" />
      {anyPending ? (
        <QueueTable page={page} partners={partners} />
      ) : (
        <EmptyState
          title="Nothing is waiting for approval"
          description="When a partner requests a system-level, write or wildcard scope, it appears here."
        />
      )}
    </>
  );
}
