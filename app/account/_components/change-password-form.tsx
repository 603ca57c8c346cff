"use client";
import { Field, TextInput } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useAction } from "@/components/form/use-action";
import { changePasswordAction } from "../actions";

export function ChangePasswordForm() {
  const { state, formAction } = useAction(changePasswordAction);
  return (
    <form
      action={formAction((fields) => ({
        currentPassword: fields.text("currentPassword"),
        newPassword: fields.text("newPassword"),
      }))}
      className="space-y-3"
      noValidate
    >
      <FormMessage status={state.status} message={state.message} />
      <Field
        label="Current password"
        name="currentPassword"
        errors={state.fieldErrors?.currentPassword}
      >
        <TextInput
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          errors={state.fieldErrors?.currentPassword}
          required
        />
      </Field>
      <Field label="New password" name="newPassword" errors={state.fieldErrors?.newPassword}>
        <TextInput
          name="newPassword"
          type="password"
          autoComplete="new-password"
          errors={state.fieldErrors?.newPassword}
          required
        />
      </Field>
      <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
    </form>
  );
}
