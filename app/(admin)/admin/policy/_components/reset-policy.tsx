"use client";
import { useState } from "react";
import { Field, TextArea } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useAction } from "@/components/form/use-action";
import { Button } from "@/components/ui/button";
import { resetPolicyAction } from "../actions";

/** Saves the shipped default policy as a new version; like any save it needs a reason. */
export function ResetPolicy({ version }: { version: number }) {
  const { state, formAction } = useAction(resetPolicyAction);
  const [isOpen, setOpen] = useState(false);
  if (!isOpen) {
    return (
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        Reset to the default policy…
      </Button>
    );
  }
  return (
    <form
      action={formAction((fields) => ({ note: fields.text("note"), baseVersion: version }))}
      className="w-full space-y-3 rounded-md border border-slate-200 bg-slate-50 p-4"
      noValidate
    >
      <FormMessage status={state.status} message={state.message} />
      <Field label="Why reset to the default?" name="reset-note" errors={state.fieldErrors?.note}>
        <TextArea
          name="note"
          id="reset-note"
          aria-describedby={state.fieldErrors?.note ? "reset-note-error" : undefined}
          defaultValue={typeof state.values?.note === "string" ? state.values.note : ""}
          maxLength={1000}
          errors={state.fieldErrors?.note}
        />
      </Field>
      <div className="flex gap-2">
        <SubmitButton variant="danger" pendingLabel="Saving…">
          Save the default as version {version + 1}
        </SubmitButton>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
