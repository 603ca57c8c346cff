"use client";
import { Field, TextInput } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useAction } from "@/components/form/use-action";
import { requestPasswordResetAction } from "../actions";

export function ForgotPasswordForm() {
  const { state, formAction } = useAction(requestPasswordResetAction);
  if (state.status === "success")
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
        {state.message}
      </p>
    );
  return (
    <form
      action={formAction((fields) => ({ email: fields.text("email") }))}
      className="space-y-4"
      noValidate
    >
      <FormMessage status={state.status} message={state.message} />
      <Field label="E-mail" name="email" errors={state.fieldErrors?.email}>
        <TextInput
          name="email"
          type="email"
          autoComplete="username"
          defaultValue={state.values?.email ?? ""}
          errors={state.fieldErrors?.email}
          required
        />
      </Field>
      <SubmitButton pendingLabel="Sending…">Send the link</SubmitButton>
    </form>
  );
}
