import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { findOrganizations, hasAnyOrganizations } from "@/lib/orgs/queries";
import { PartnersTable } from "./_components/partners-table";
import { partnersTableUrl } from "./search-params";

export const metadata: Metadata = { title: "Partners" };

export default async function PartnersPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await requirePageUser(["admin"], "/admin/partners");
  const url = await partnersTableUrl.load(searchParams);
  const db = getDb();
  const [page, any] = await Promise.all([findOrganizations(db, url), hasAnyOrganizations(db)]);
  return (
    <>
      <PageHeader
        title="Partners"
        description="Partner organisations, their members and their apps. Open one to suspend it."
      />
      {any ? (
        <PartnersTable page={page} />
      ) : (
        <EmptyState
          title="No partner organisations yet"
          description="Organisations appear here when partners sign up."
        />
      )}
    </>
  );
}
