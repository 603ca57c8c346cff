import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardBody } from "@/components/ui/card";
import { getDb } from "@/lib/db";
import { isUsableToken } from "@/lib/users/tokens";
import { ResetPasswordForm } from "./_components/reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({
  params,
}: {
  params: Promise<{ token: string }>;
}) {
  const { token } = await params;
  const isUsable = token.length <= 200 && (await isUsableToken(getDb(), token, "reset_password"));
  return (
    <Card>
      <CardBody className="space-y-6 py-8">
        {isUsable ? (
          <>
            <h1 className="text-xl font-semibold text-slate-900">Choose a new password</h1>
            <ResetPasswordForm token={token} />
          </>
        ) : (
          <div className="space-y-3">
            <h1 className="text-xl font-semibold text-slate-900">This link no longer works</h1>
            <p className="text-sm text-slate-600">
              It has expired (after 30 minutes) or was already used.
            </p>
            <Link
              href="/forgot-password"
              className="text-sm font-medium text-brand-700 hover:underline"
            >
              Ask for a new link
            </Link>
          </div>
        )}
      </CardBody>
    </Card>
  );
}
