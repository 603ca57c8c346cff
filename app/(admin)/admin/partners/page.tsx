import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { findOrganizations, ORG_SORTABLE } from "@/lib/orgs/queries";
import { parseEnumFilter, parseTableQuery } from "@/lib/tables/query";
import { PartnersTable } from "./_components/partners-table";

export const metadata: Metadata = { title: "Partners" };

export default async function PartnersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser(["admin"], "/admin/partners");
  const raw = await searchParams;
  const query = parseTableQuery(raw, {
    sortable: ORG_SORTABLE,
    defaultSort: { id: "name", desc: false },
  });
  const db = getDb();
  const [page, any] = await Promise.all([
    findOrganizations(db, {
      ...query,
      status: parseEnumFilter(raw, "status", ["active", "suspended"] as const),
    }),
    db.organization.count(),
  ]);
  return (
    <>
      <PageHeader
        title="Partners"
        description="Partner organisations, their members and their apps. Open one to suspend it."
      />
      {any === 0 ? (
        <EmptyState
          title="No partner organisations yet"
          description="Organisations appear here when partners sign up."
        />
      ) : (
        <PartnersTable page={page} sort={query.sort} />
      )}
    </>
  );
}
