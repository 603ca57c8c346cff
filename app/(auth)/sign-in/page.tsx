import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card, CardBody } from "@/components/ui/card";
import { getCurrentUser, homeFor } from "@/lib/auth/current-user";
import { safeCallbackPath } from "@/lib/server/safe-redirect";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(
    typeof params.callbackUrl === "string" ? params.callbackUrl : null,
  );
  const user = await getCurrentUser();
  if (user) redirect(callbackUrl ?? homeFor(user.role));
  return (
    <Card>
      <CardBody className="space-y-6 py-8">
        <div>
          <h1 className="text-xl font-semibold text-slate-900">Sign in</h1>
          <p className="mt-1 text-sm text-slate-600">
            Partners, admins and reviewers all sign in here.
          </p>
        </div>
        {params.signedOut ? (
          <p role="status" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
            You are signed out.
          </p>
        ) : null}
        <SignInForm callbackUrl={callbackUrl} />
        <p className="text-sm text-slate-600">
          <Link
            href="/forgot-password"
            className="font-medium text-brand-700 underline-offset-2 hover:underline"
          >
            Forgot your password?
          </Link>
        </p>
        <p className="text-sm text-slate-600">
          New partner?{" "}
          <Link
            href="/sign-up"
            className="font-medium text-brand-700 underline-offset-2 hover:underline"
          >
            Create an account for your organisation
          </Link>
        </p>
      </CardBody>
    </Card>
  );
}
