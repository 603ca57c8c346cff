"use client";
import { Field, Select, TextInput } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useAction } from "@/components/form/use-action";
import { inviteStaffAction } from "../actions";

const STAFF_ROLES = ["reviewer", "admin"] as const;

export function InviteStaffForm() {
  const { state, formAction } = useAction(inviteStaffAction);
  const errors = state.fieldErrors ?? {};
  return (
    <form
      action={formAction((fields) => ({
        email: fields.text("email"),
        role: fields.choice("role", STAFF_ROLES),
      }))}
      className="space-y-4"
      noValidate
    >
      <FormMessage status={state.status} message={state.message} />
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end">
        <Field label="E-mail" name="email" errors={errors.email}>
          <TextInput
            name="email"
            type="email"
            defaultValue={state.values?.email ?? ""}
            errors={errors.email}
            required
          />
        </Field>
        <Field label="Role" name="role" errors={errors.role}>
          <Select name="role" defaultValue={state.values?.role ?? "reviewer"} errors={errors.role}>
            <option value="reviewer">Reviewer</option>
            <option value="admin">Admin</option>
          </Select>
        </Field>
        <SubmitButton pendingLabel="Sending…">Send invitation</SubmitButton>
      </div>
    </form>
  );
}
