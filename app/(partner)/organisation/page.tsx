import type { Metadata } from "next";
import { ConfirmAction } from "@/components/form/confirm-action";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SimpleTable, Td } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { formatDate, formatDateTime } from "@/lib/format";
import { findOpenInvitations, findOrganizationMembers } from "@/lib/users/queries";
import { removeMemberAction, revokeInvitationAction } from "./actions";
import { InviteTeammateForm } from "./_components/invite-teammate-form";

export const metadata: Metadata = { title: "Organisation" };

export default async function OrganisationPage() {
  const user = await requirePageUser(["partner"], "/organisation");
  const db = getDb();
  const orgId = user.organizationId!;
  const [members, invitations] = await Promise.all([
    findOrganizationMembers(db, orgId),
    findOpenInvitations(db, orgId),
  ]);
  return (
    <>
      <PageHeader
        title={user.organization?.name ?? "Organisation"}
        description="The people who can register and manage your organisation's apps. Every member has the same rights."
      />
      <div className="space-y-6">
        <Card>
          <CardHeader
            title="Invite a teammate"
            description="They receive a link, valid for 7 days, to set their name and password."
          />
          <CardBody>
            <InviteTeammateForm />
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Members"
            description={`${members.length} active member${members.length === 1 ? "" : "s"}`}
          />
          <SimpleTable caption="Members" head={["Name", "E-mail", "Joined", "Last sign-in", ""]}>
            {members.map((m) => (
              <tr key={m.id}>
                <Td className="font-medium text-slate-900">
                  {m.name} {m.id === user.id ? <Badge>you</Badge> : null}
                </Td>
                <Td>{m.email}</Td>
                <Td>{formatDate(m.createdAt)}</Td>
                <Td>{formatDateTime(m.lastSignInAt)}</Td>
                <Td className="text-right">
                  {m.id === user.id ? null : (
                    <ConfirmAction
                      label="Remove"
                      ariaLabel={`Remove ${m.email}`}
                      question={`Remove ${m.name}?`}
                      confirmLabel="Yes, remove"
                      action={removeMemberAction}
                      input={{ userId: m.id }}
                    />
                  )}
                </Td>
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
                description="Invitations you send appear here until they are accepted, withdrawn or expire."
              />
            </CardBody>
          ) : (
            <SimpleTable caption="Pending invitations" head={["E-mail", "Expires", ""]}>
              {invitations.map((i) => (
                <tr key={i.id}>
                  <Td>{i.email}</Td>
                  <Td>{formatDate(i.expiresAt)}</Td>
                  <Td className="text-right">
                    <ConfirmAction
                      label="Withdraw"
                      ariaLabel={`Withdraw the invitation to ${i.email}`}
                      question="Withdraw this invitation?"
                      confirmLabel="Yes, withdraw"
                      action={revokeInvitationAction}
                      input={{ invitationId: i.id }}
                    />
                  </Td>
                </tr>
              ))}
            </SimpleTable>
          )}
        </Card>
      </div>
    </>
  );
}
