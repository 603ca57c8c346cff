import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { diffPolicies } from "@/lib/approvals/policy-rules";
import { ZPolicyVersionNumber } from "@/lib/approvals/policy-schemas";
import { getPolicyInForce, getPolicyVersion } from "@/lib/approvals/policy-service";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { PolicyDiffView, PolicyView } from "../../_components/policy-view";

export const metadata: Metadata = { title: "Policy version" };

export default async function PolicyVersionPage({
  params,
}: {
  params: Promise<{ version: string }>;
}) {
  const { version: raw } = await params;
  await requirePageUser(["admin"], `/admin/policy/versions/${encodeURIComponent(raw)}`);
  const parsed = ZPolicyVersionNumber.safeParse(raw);
  if (!parsed.success) notFound();
  const db = getDb();
  const inForce = await getPolicyInForce(db);
  const version = await getPolicyVersion(db, parsed.data);
  if (!version) notFound();
  const isInForce = version.version === inForce.version;

  return (
    <>
      <PageHeader
        title={`Policy version ${version.version}${isInForce ? " (in force)" : ""}`}
        description={`Saved by ${version.createdBy?.name ?? "the portal"}, ${formatDateTime(version.createdAt)}. Why: ${version.note || "—"}`}
        actions={
          <ButtonLink href="/admin/policy" variant="secondary">
            Back to the policy
          </ButtonLink>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Rules" description="Read-only, in the order they are checked." />
          <CardBody>
            {version.policy ? (
              <PolicyView policy={version.policy} />
            ) : (
              <pre className="overflow-auto text-xs">
                {JSON.stringify(version.document, null, 2)}
              </pre>
            )}
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title={`Compared with version ${inForce.version} (in force)`}
            description="What the version in force adds, removes and changes relative to this one."
          />
          <CardBody>
            {isInForce ? (
              <p className="text-sm text-slate-600">This is the version in force.</p>
            ) : version.policy ? (
              <PolicyDiffView
                diff={diffPolicies(version.policy, inForce.policy)}
                from={`version ${version.version}`}
                to={`version ${inForce.version}`}
              />
            ) : (
              <p className="text-sm text-slate-600">
                This version&apos;s document no longer validates, so it cannot be compared.
              </p>
            )}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
