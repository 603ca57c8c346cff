import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SimpleTable, Td } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { formatDate, formatDateTime } from "@/lib/format";
import { findOpenInvitations, findStaff } from "@/lib/users/queries";
import { InviteStaffForm } from "./_components/invite-form";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffPage() {
  await requirePageUser(["admin"], "/admin/staff");
  const db = getDb();
  const [staff, invitations] = await Promise.all([findStaff(db), findOpenInvitations(db, null)]);
  return (
    <>
      <PageHeader
        title="Staff"
        description="Administrators approve and revoke access and set the policy; reviewers run the periodic access reviews."
        actions={
          <ButtonLink href="/admin/outbox" variant="secondary">
            Mail outbox
          </ButtonLink>
        }
      />
      <div className="space-y-6">
        <Card>
          <CardHeader
            title="Invite a colleague"
            description="They receive a link, valid for 7 days, to set their name and password."
          />
          <CardBody>
            <InviteStaffForm />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Admins and reviewers" />
          <SimpleTable
            caption="Staff accounts"
            head={["Name", "E-mail", "Role", "Status", "Last sign-in"]}
          >
            {staff.map((u) => (
              <tr key={u.id}>
                <Td className="font-medium text-slate-900">{u.name}</Td>
                <Td>{u.email}</Td>
                <Td>
                  <Badge tone={u.role === "admin" ? "purple" : "blue"}>{u.role}</Badge>
                </Td>
                <Td>{u.status}</Td>
                <Td>{formatDateTime(u.lastSignInAt)}</Td>
              </tr>
            ))}
          </SimpleTable>
        </Card>
        <Card>
          <CardHeader title="Pending invitations" />
          {invitations.length === 0 ? (
            <CardBody>
              <EmptyState
                title="No pending invitations"
                description="Invitations you send appear here until they are accepted or expire."
              />
            </CardBody>
          ) : (
            <SimpleTable caption="Pending invitations" head={["E-mail", "Role", "Expires"]}>
              {invitations.map((i) => (
                <tr key={i.id}>
                  <Td>{i.email}</Td>
                  <Td>{i.role}</Td>
                  <Td>{formatDate(i.expiresAt)}</Td>
                </tr>
              ))}
            </SimpleTable>
          )}
        </Card>
      </div>
    </>
  );
}
