"use client";
import { useActionState } from "react";
import { Field, TextInput } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import type { ActionState } from "@/lib/server/action";
import { inviteTeammateAction } from "../actions";

export function InviteTeammateForm() {
  const [state, action] = useActionState(inviteTeammateAction, { status: "idle" } as ActionState);
  const link = typeof state.data?.link === "string" ? state.data.link : null;
  return (
    <form action={action} className="space-y-3" noValidate>
      <FormMessage status={state.status} message={state.message} />
      {link ? (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-xs break-all text-slate-600">
          Invitation link (also e-mailed): <span className="font-mono">{link}</span>
        </p>
      ) : null}
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-72 flex-1">
          <Field label="Teammate's e-mail" name="email" errors={state.fieldErrors?.email}>
            <TextInput
              name="email"
              type="email"
              defaultValue={state.status === "error" ? state.values?.email : ""}
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
