import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardBody } from "@/components/ui/card";
import { getDb } from "@/lib/db";
import { findInvitationByToken } from "@/lib/users/invitations";
import { AcceptInvitationForm } from "./_components/accept-form";

export const metadata: Metadata = { title: "Accept invitation" };

const roleWords: Record<string, string> = {
  partner: "a partner member",
  admin: "an administrator",
  reviewer: "a reviewer",
};

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = token.length <= 200 ? await findInvitationByToken(getDb(), token) : null;
  return (
    <Card>
      <CardBody className="space-y-6 py-8">
        {!invitation || invitation.state !== "valid" ? (
          <div className="space-y-3">
            <h1 className="text-xl font-semibold text-slate-900">
              {invitation?.state === "expired"
                ? "This invitation has expired"
                : "This invitation is not valid"}
            </h1>
            <p className="text-sm text-slate-600">
              {invitation?.state === "used"
                ? "It has already been used or withdrawn. If you created an account with it, sign in."
                : "Ask the person who invited you to send a new invitation."}
            </p>
            <Link href="/sign-in" className="text-sm font-medium text-brand-700 hover:underline">
              Go to sign in
            </Link>
          </div>
        ) : (
          <>
            <div>
              <h1 className="text-xl font-semibold text-slate-900">
                Join {invitation.organizationName ?? "Scopewarden"}
              </h1>
              <p className="mt-1 text-sm text-slate-600">
                You were invited as {roleWords[invitation.role]}. Choose your name and a password.
              </p>
            </div>
            <AcceptInvitationForm token={token} email={invitation.email} />
          </>
        )}
      </CardBody>
    </Card>
  );
}
