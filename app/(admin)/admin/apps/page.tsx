import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { APP_SORTABLE, findAllApps } from "@/lib/apps/queries";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { parseEnumFilter, parseTableQuery } from "@/lib/tables/query";
import { AdminAppsTable } from "./_components/admin-apps-table";

export const metadata: Metadata = { title: "Apps" };

export default async function AdminAppsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser(["admin"], "/admin/apps");
  const raw = await searchParams;
  const query = parseTableQuery(raw, {
    sortable: [...APP_SORTABLE, "partner"] as const,
    defaultSort: { id: "createdAt", desc: true },
  });
  const db = getDb();
  const [page, anyApps] = await Promise.all([
    findAllApps(db, {
      ...query,
      status: parseEnumFilter(raw, "status", ["active", "suspended"] as const),
      appType: parseEnumFilter(raw, "appType", ["patient", "provider", "backend"] as const),
    }),
    db.app.count(),
  ]);
  return (
    <>
      <PageHeader
        title="Apps"
        description="Every app registered by every partner, with its grants. Open one to revoke grants or suspend it."
      />
      {anyApps === 0 ? (
        <EmptyState
          title="No apps registered yet"
          description="Apps appear here as partners register them."
        />
      ) : (
        <AdminAppsTable page={page} sort={query.sort} />
      )}
    </>
  );
}
