import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { findApprovalQueue, QUEUE_SORTABLE } from "@/lib/approvals/queries";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { RISK_LEVELS } from "@/lib/scopes";
import { parseEnumFilter, parseTableQuery } from "@/lib/tables/query";
import { QueueTable } from "./_components/queue-table";

export const metadata: Metadata = { title: "Approvals" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ApprovalsPage({ searchParams }: Props) {
  await requirePageUser(["admin"], "/admin/approvals");
  const raw = await searchParams;
  const query = parseTableQuery(raw, {
    sortable: QUEUE_SORTABLE,
    defaultSort: { id: "waiting", desc: true },
  });
  const db = getDb();
  const partners = await db.organization.findMany({
    where: { apps: { some: { scopes: { some: { state: "pending" } } } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const partner = parseEnumFilter(
    raw,
    "partner",
    partners.map((p) => p.id),
  );
  const [page, anyPending] = await Promise.all([
    findApprovalQueue(db, {
      ...query,
      risk: parseEnumFilter(raw, "risk", RISK_LEVELS),
      context: parseEnumFilter(raw, "context", ["patient", "user", "system"] as const),
      organizationId: partner,
      twoPerson: parseEnumFilter(raw, "approvers", ["two"] as const) === "two",
    }),
    db.appScope.count({ where: { state: "pending" } }),
  ]);
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Scope requests that policy says need an administrator. Open one to see the app's whole scope set, the partner's justification and the history; or select several to approve or deny together."
      />
      {anyPending === 0 ? (
        <EmptyState
          title="Nothing is waiting for approval"
          description="When a partner requests a system-level, write or wildcard scope, it appears here."
        />
      ) : (
        <QueueTable page={page} sort={query.sort} partners={partners} />
      )}
    </>
  );
}
