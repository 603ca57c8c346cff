import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { findAllApps, hasAnyApps } from "@/lib/apps/queries";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { AdminAppsTable } from "./_components/admin-apps-table";
import { adminAppsTableUrl } from "./search-params";

export const metadata: Metadata = { title: "Apps" };

export default async function AdminAppsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  await requirePageUser(["admin"], "/admin/apps");
  const url = await adminAppsTableUrl.load(searchParams);
  const db = getDb();
  const [page, anyApps] = await Promise.all([findAllApps(db, url), hasAnyApps(db)]);
  return (
    <>
      <PageHeader
        title="Apps"
        description="Every app registered by every partner, with its grants. Open one to revoke grants or suspend it."
      />
      {anyApps ? (
        <AdminAppsTable page={page} />
      ) : (
        <EmptyState
          title="No apps registered yet"
          description="Apps appear here as partners register them."
        />
      )}
    </>
  );
}
