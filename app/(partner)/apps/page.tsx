import type { Metadata } from "next";
import type { SearchParams } from "nuqs/server";
import { PageHeader } from "@/components/layout/page-header";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { findOrgApps, hasAnyApps } from "@/lib/apps/queries";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { AppsTable } from "./_components/apps-table";
import { myAppsTableUrl } from "./search-params";

export const metadata: Metadata = { title: "My apps" };

type Props = { searchParams: Promise<SearchParams> };

export default async function MyAppsPage({ searchParams }: Props) {
  const user = await requirePageUser(["partner"], "/apps");
  const url = await myAppsTableUrl.load(searchParams);
  const db = getDb();
  const [page, anyApps] = await Promise.all([
    findOrgApps(db, user, url),
    hasAnyApps(db, user.organizationId!),
  ]);
  const register = <ButtonLink href="/apps/new">Register an app</ButtonLink>;
  return (
    <>
      <PageHeader
        title="My apps"
        description="Apps your organisation has registered against the FHIR API, and the access each holds."
        actions={anyApps ? register : null}
      />
      {!anyApps ? (
        <EmptyState
          title="No apps yet"
          description="Register your first app: describe it, pick a scope template, and see which access is granted at once and which waits for approval."
          action={register}
        />
      ) : (
        <AppsTable page={page} />
      )}
    </>
  );
}
