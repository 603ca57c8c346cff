import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { findAssignableAdmins } from "@/lib/approvals/assign";
import { findQueuePartners, hasPendingRequests } from "@/lib/approvals/queries";
import { findAppQueue } from "@/lib/approvals/queue-by-app";
import { findQueueFilters } from "@/lib/approvals/saved-filters";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { QueueViews } from "../_components/queue-views";
import { AppQueueTable } from "./_components/app-queue-table";
import { SavedFilters } from "./_components/saved-filters";
import { appQueueTableUrl } from "./search-params";

export const metadata: Metadata = { title: "Approvals by app" };

type Props = { searchParams: Promise<SearchParams> };

export default async function AppQueuePage({ searchParams }: Props) {
  const user = await requirePageUser(["admin"], "/admin/approvals/apps");
  const url = await appQueueTableUrl.load(searchParams);
  const db = getDb();
  const [partners, admins, filters, page, anyPending] = await Promise.all([
    findQueuePartners(db),
    findAssignableAdmins(db),
    findQueueFilters(db, user),
    findAppQueue(db, {
      ...url,
      organizationId: url.partner,
      assigneeId: url.assignee === "me" ? user.id : url.assignee,
    }),
    hasPendingRequests(db),
  ]);
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Each row is an app and the scopes it waits for, compared with the template it started from. Approve or deny the whole set, or open one scope to approve, deny or narrow it. Two-person rules apply to every scope."
      />
      <QueueViews current="apps" />
      {anyPending ? (
        <div className="space-y-4">
          <SavedFilters filters={filters} />
          <AppQueueTable page={page} partners={partners} admins={admins} me={user.id} />
        </div>
      ) : (
        <EmptyState
          title="Nothing is waiting for approval"
          description="When a partner requests a system-level, write or wildcard scope, it appears here."
        />
      )}
    </>
  );
}
