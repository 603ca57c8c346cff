import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { getCurrentPolicy } from "@/lib/approvals/policy-versions";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { RegisterAppForm } from "../_components/register-app-form";

export const metadata: Metadata = { title: "Register an app" };

export default async function RegisterAppPage() {
  const user = await requirePageUser(["partner"], "/apps/new");
  const { policy } = await getCurrentPolicy(getDb());
  const isSuspended = user.organization?.status === "suspended";
  return (
    <>
      <PageHeader
        title="Register an app"
        description="Describe the app, choose how it signs in, and declare the least access it needs. Read access is granted at once; system-level, write and wildcard access waits for an administrator."
      />
      {isSuspended ? (
        <p role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800">
          Your organisation is suspended, so new apps cannot be registered.
        </p>
      ) : (
        <RegisterAppForm policy={policy} organizationName={user.organization?.name ?? ""} />
      )}
    </>
  );
}
