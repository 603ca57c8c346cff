import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReasonAction } from "@/components/form/reason-action";
import { PageHeader } from "@/components/layout/page-header";
import { AppStatusBadge } from "@/components/scopes/badges";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SimpleTable, Td } from "@/components/ui/table";
import { appTypeLabel } from "@/lib/apps/rules";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { formatDate, formatDateTime } from "@/lib/format";
import { getOrganizationForAdmin } from "@/lib/orgs/queries";
import { setOrganizationStatusAction } from "../actions";

export const metadata: Metadata = { title: "Partner" };

export default async function PartnerPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  await requirePageUser(["admin"], `/admin/partners/${orgId}`);
  const org = await getOrganizationForAdmin(getDb(), orgId).catch((error) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <>
      <PageHeader
        title={org.name}
        description={`Partner since ${formatDate(org.createdAt)}`}
        actions={<Badge tone={org.status === "active" ? "green" : "red"}>{org.status}</Badge>}
      />
      {org.status === "suspended" ? (
        <p role="alert" className="mb-6 rounded-md bg-red-50 px-4 py-3 text-sm text-red-800">
          Suspended: {org.statusReason}. None of its apps has access.
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="space-y-6">
          <Card>
            <CardHeader title="Apps" />
            {org.apps.length === 0 ? (
              <CardBody>
                <p className="text-sm text-slate-600">No apps yet.</p>
              </CardBody>
            ) : (
              <SimpleTable caption="Apps" head={["App", "Type", "Status", "Registered"]}>
                {org.apps.map((a) => (
                  <tr key={a.id}>
                    <Td>
                      <Link
                        href={`/admin/apps/${a.id}`}
                        className="font-medium text-brand-700 hover:underline"
                      >
                        {a.name}
                      </Link>
                    </Td>
                    <Td>{appTypeLabel[a.appType]}</Td>
                    <Td>
                      <AppStatusBadge status={a.status} />
                    </Td>
                    <Td>{formatDate(a.createdAt)}</Td>
                  </tr>
                ))}
              </SimpleTable>
            )}
          </Card>
          <Card>
            <CardHeader title="Members" />
            <SimpleTable caption="Members" head={["Name", "E-mail", "Status", "Last sign-in"]}>
              {org.users.map((u) => (
                <tr key={u.id}>
                  <Td className="font-medium text-slate-900">{u.name}</Td>
                  <Td>{u.email}</Td>
                  <Td>{u.status}</Td>
                  <Td>{formatDateTime(u.lastSignInAt)}</Td>
                </tr>
              ))}
            </SimpleTable>
          </Card>
        </div>
        <Card>
          <CardHeader title="Actions" />
          <CardBody>
            {org.status === "active" ? (
              <ReasonAction
                label="Suspend organisation"
                confirmLabel="Suspend now"
                prompt="Why is the partner suspended? They read it."
                action={setOrganizationStatusAction}
                input={{ organizationId: org.id, status: "suspended" }}
              />
            ) : (
              <ReasonAction
                label="Reinstate organisation"
                confirmLabel="Reinstate"
                variant="primary"
                isReasonOptional
                prompt="Comment (optional)"
                action={setOrganizationStatusAction}
                input={{ organizationId: org.id, status: "active" }}
              />
            )}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
