import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { isLiveScopeState } from "@/lib/approvals/rules";
import { getPartnerApp } from "@/lib/apps/queries";
import { getCurrentPolicy } from "@/lib/approvals/policy-versions";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { ChangeScopesForm } from "../_components/change-scopes-form";

export const metadata: Metadata = { title: "Change scopes" };

export default async function ChangeScopesPage({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  const user = await requirePageUser(["partner"], `/apps/${appId}/scopes`);
  const db = getDb();
  const app = await getPartnerApp(db, user, appId).catch((error) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { policy } = await getCurrentPolicy(db);
  const live = app.scopes.filter((s) => isLiveScopeState(s.state)).map((s) => s.scope);
  return (
    <>
      <PageHeader
        title={`Change scopes of ${app.name}`}
        description="Edit the set below. Removals take effect as soon as you submit; additions go through the approval policy. Scopes an administrator sent back for changes return to the queue when you resubmit them."
      />
      {app.status === "suspended" ? (
        <p role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800">
          This app is suspended; its scopes cannot change.
        </p>
      ) : (
        <ChangeScopesForm
          appId={app.id}
          appName={app.name}
          organizationName={user.organization?.name ?? ""}
          policy={policy}
          live={live}
          app={{
            appType: app.appType,
            clientType: app.clientType,
            launchModes: app.launchModes,
            launchUrl: app.launchUrl,
            signsUsersIn: app.appType !== "backend",
          }}
        />
      )}
    </>
  );
}
