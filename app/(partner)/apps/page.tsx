import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { APP_SORTABLE, findOrgApps } from "@/lib/apps/queries";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { parseEnumFilter, parseTableQuery } from "@/lib/tables/query";
import { AppsTable } from "./_components/apps-table";

export const metadata: Metadata = { title: "My apps" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MyAppsPage({ searchParams }: Props) {
  const user = await requirePageUser(["partner"], "/apps");
  const raw = await searchParams;
  const query = parseTableQuery(raw, {
    sortable: APP_SORTABLE,
    defaultSort: { id: "createdAt", desc: true },
  });
  const status = parseEnumFilter(raw, "status", ["active", "suspended"] as const);
  const db = getDb();
  const [page, anyApps] = await Promise.all([
    findOrgApps(db, user, { ...query, status }),
    db.app.count({ where: { organizationId: user.organizationId! } }),
  ]);
  const register = <ButtonLink href="/apps/new">Register an app</ButtonLink>;
  return (
    <>
      <PageHeader
        title="My apps"
        description="Apps your organisation has registered against the FHIR API, and the access each holds."
        actions={anyApps ? register : null}
      />
      {anyApps === 0 ? (
        <EmptyState
          title="No apps yet"
          description="Register your first app: describe it, pick a scope template, and see which access is granted at once and which waits for approval."
          action={register}
        />
      ) : (
        <AppsTable page={page} sort={query.sort} />
      )}
    </>
  );
}
