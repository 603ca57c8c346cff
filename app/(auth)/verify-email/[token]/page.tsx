import type { Metadata } from "next";
import { Card, CardBody } from "@/components/ui/card";
import { ConfirmEmailButton } from "./_components/confirm-button";

export const metadata: Metadata = { title: "Confirm your e-mail address" };

/** Opening the link changes nothing (mail scanners open links too): the button confirms. */
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <Card>
      <CardBody className="space-y-6 py-8">
        <div>
          <h1 className="text-xl font-semibold text-slate-900">Confirm your e-mail address</h1>
          <p className="mt-1 text-sm text-slate-600">
            Confirm that this address is yours to finish creating your account.
          </p>
        </div>
        <ConfirmEmailButton token={token.slice(0, 200)} />
      </CardBody>
    </Card>
  );
}
