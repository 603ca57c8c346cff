"use client";
import Link from "next/link";
import { Field, TextInput } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useAction } from "@/components/form/use-action";
import { resetPasswordAction } from "../actions";

export function ResetPasswordForm({ token }: { token: string }) {
  const { state, formAction } = useAction(resetPasswordAction);
  if (state.status === "success")
    return (
      <div className="space-y-3">
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {state.message}
        </p>
        <Link href="/sign-in" className="text-sm font-medium text-brand-700 hover:underline">
          Go to sign in
        </Link>
      </div>
    );
  return (
    <form
      action={formAction((fields) => ({ token, password: fields.text("password") }))}
      className="space-y-4"
      noValidate
    >
      <FormMessage status={state.status} message={state.message} />
      <Field label="New password" name="password" errors={state.fieldErrors?.password}>
        <TextInput
          name="password"
          type="password"
          autoComplete="new-password"
          errors={state.fieldErrors?.password}
          required
        />
      </Field>
      <SubmitButton pendingLabel="Saving…">Save the new password</SubmitButton>
    </form>
  );
}
