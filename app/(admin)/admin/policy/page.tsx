import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SimpleTable, Td } from "@/components/ui/table";
import { samePolicy } from "@/lib/approvals/policy-rules";
import { getPolicyInForce, listPolicyVersions } from "@/lib/approvals/policy-service";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { DEFAULT_POLICY } from "@/lib/policy";
import { PolicyEditor } from "./_components/policy-editor";
import { ResetPolicy } from "./_components/reset-policy";

export const metadata: Metadata = { title: "Policy" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const author = (v: { createdBy: { name: string; email: string } | null }) =>
  v.createdBy ? v.createdBy.name : "the portal";

export default async function PolicyPage({ searchParams }: Props) {
  await requirePageUser(["admin"], "/admin/policy");
  const { saved } = await searchParams;
  const db = getDb();
  const inForce = await getPolicyInForce(db);
  const history = await listPolicyVersions(db);
  const isDefault = samePolicy(inForce.policy, DEFAULT_POLICY);

  return (
    <>
      <PageHeader
        title="Policy"
        description="The rules that decide which scopes are granted at once, which need one or two approvers, and which are forbidden. Each save is a new version; every decision records the version it was made under."
      />
      <div className="space-y-6">
        {saved === String(inForce.version) ? (
          <p
            role="status"
            className="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-800 ring-1 ring-emerald-200"
          >
            Version {inForce.version} is saved and in force. New requests are classified under it;
            pending requests are approved under it.
          </p>
        ) : null}
        <Card>
          <CardHeader
            title={`Version ${inForce.version} is in force`}
            description={`Saved by ${author(inForce)}${inForce.createdBy ? ` (${inForce.createdBy.email})` : ""}, ${formatDateTime(inForce.createdAt)}.`}
            actions={isDefault ? <Badge tone="green">The default policy</Badge> : null}
          />
          <CardBody className="space-y-3">
            <p className="text-sm text-slate-700">
              <span className="font-medium">Why:</span> {inForce.note || "—"}
            </p>
            {isDefault ? null : <ResetPolicy version={inForce.version} />}
          </CardBody>
        </Card>

        <PolicyEditor key={inForce.version} current={inForce.policy} version={inForce.version} />

        <Card>
          <CardHeader
            title="History"
            description={`${history.total} version${history.total === 1 ? "" : "s"}, newest first. Open one to read it and compare it with the version in force.`}
          />
          <SimpleTable caption="Policy versions" head={["Version", "Saved by", "When", "Note", ""]}>
            {history.rows.map((v) => (
              <tr key={v.id}>
                <Td className="font-medium text-slate-900">
                  {v.version}{" "}
                  {v.version === inForce.version ? <Badge tone="green">in force</Badge> : null}
                </Td>
                <Td>{author(v)}</Td>
                <Td className="whitespace-nowrap">{formatDateTime(v.createdAt)}</Td>
                <Td>{v.note || "—"}</Td>
                <Td>
                  <Link
                    href={`/admin/policy/versions/${v.version}`}
                    className="text-sm font-medium text-brand-700 hover:underline"
                  >
                    View<span className="sr-only"> version {v.version}</span>
                  </Link>
                </Td>
              </tr>
            ))}
          </SimpleTable>
          {history.total > history.rows.length ? (
            <CardBody>
              <p className="text-sm text-slate-600">
                Showing the newest {history.rows.length}; older versions open at
                /admin/policy/versions/&lt;number&gt;.
              </p>
            </CardBody>
          ) : null}
        </Card>
      </div>
    </>
  );
}
