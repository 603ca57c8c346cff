import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card, CardBody } from "@/components/ui/card";
import { getCurrentUser, homeFor } from "@/lib/auth/current-user";
import { SignUpForm } from "./_components/sign-up-form";

export const metadata: Metadata = { title: "Create a partner account" };

export default async function SignUpPage() {
  const user = await getCurrentUser();
  if (user) redirect(homeFor(user.role));
  return (
    <Card>
      <CardBody className="space-y-6 py-8">
        <div>
          <h1 className="text-xl font-semibold text-slate-900">Create a partner account</h1>
          <p className="mt-1 text-sm text-slate-600">
            For companies building apps on our FHIR API. You become the first member of your
            organisation and can invite teammates later.
          </p>
        </div>
        <SignUpForm />
        <p className="text-sm text-slate-600">
          Already have an account?{" "}
          <Link
            href="/sign-in"
            className="font-medium text-brand-700 underline-offset-2 hover:underline"
          >
            Sign in
          </Link>
        </p>
      </CardBody>
    </Card>
  );
}
