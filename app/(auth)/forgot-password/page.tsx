import type { Metadata } from "next";
import { Card, CardBody } from "@/components/ui/card";
import { ForgotPasswordForm } from "./_components/forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password" };

export default function ForgotPasswordPage() {
  return (
    <Card>
      <CardBody className="space-y-6 py-8">
        <div>
          <h1 className="text-xl font-semibold text-slate-900">Forgot your password?</h1>
          <p className="mt-1 text-sm text-slate-600">
            Enter your e-mail address and we will send you a link to choose a new one.
          </p>
        </div>
        <ForgotPasswordForm />
      </CardBody>
    </Card>
  );
}
