"use client";
import { Field, TextInput } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useAction } from "@/components/form/use-action";
import { CopyValue } from "@/components/ui/copy-value";
import { createApiKeyAction } from "../actions";

export function CreateKeyForm() {
  const { state, formAction } = useAction(createApiKeyAction);
  const errors = state.fieldErrors ?? {};
  const key = state.status === "success" ? state.data.key : null;
  return (
    <form
      action={formAction((fields) => ({ name: fields.text("name") }))}
      className="space-y-4"
      noValidate
    >
      <FormMessage status={state.status} message={state.message} />
      {key ? (
        <div className="space-y-2">
          <CopyValue label="New API key" value={key} isSecret />
          <p className="text-sm text-amber-800">
            Shown once: only its hash is stored. Put it in the gateway&apos;s configuration now.
          </p>
        </div>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-[1fr_auto] sm:items-end">
        <Field
          label="Key name"
          name="name"
          errors={errors.name}
          hint="The gateway or authorization server that will use it, e.g. “Production nginx”."
          required
        >
          <TextInput
            name="name"
            defaultValue={state.values?.name ?? ""}
            errors={errors.name}
            hasHint
            maxLength={100}
            required
          />
        </Field>
        <SubmitButton pendingLabel="Creating…">Create key</SubmitButton>
      </div>
    </form>
  );
}
