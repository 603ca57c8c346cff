"use client";
import { Field, TextInput } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useAction } from "@/components/form/use-action";
import { inviteTeammateAction } from "../actions";

export function InviteTeammateForm() {
  const { state, formAction } = useAction(inviteTeammateAction);
  return (
    <form
      action={formAction((fields) => ({ email: fields.text("email") }))}
      className="space-y-3"
      noValidate
    >
      <FormMessage status={state.status} message={state.message} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-72 flex-1">
          <Field label="Teammate's e-mail" name="email" errors={state.fieldErrors?.email}>
            <TextInput
              name="email"
              type="email"
              defaultValue={state.values?.email ?? ""}
              errors={state.fieldErrors?.email}
              required
            />
          </Field>
        </div>
        <SubmitButton pendingLabel="Sending…">Send invitation</SubmitButton>
      </div>
    </form>
  );
}
