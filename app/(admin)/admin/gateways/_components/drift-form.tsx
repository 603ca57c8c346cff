"use client";
import { FieldErrors } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useAction } from "@/components/form/use-action";
import { checkDriftAction } from "../actions";
import { DriftResult } from "./drift-result";

export function DriftForm() {
  const { state, formAction } = useAction(checkDriftAction);
  const fileErrors = state.status === "error" ? state.fieldErrors?.file : undefined;
  const report = state.status === "success" ? state.data.report : undefined;
  return (
    <div className="space-y-4">
      <form
        action={formAction((fields) => ({ file: fields.file("file") }))}
        className="space-y-3"
        noValidate
      >
        <FormMessage status={state.status} message={state.message} />
        <div className="flex flex-wrap items-end gap-3">
          <div className="space-y-1.5">
            <label htmlFor="drift-file" className="block text-sm font-medium text-slate-800">
              Authorization server configuration (JSON)
            </label>
            <input
              id="drift-file"
              name="file"
              type="file"
              accept="application/json,.json"
              aria-describedby={fileErrors ? "drift-file-hint file-error" : "drift-file-hint"}
              aria-invalid={fileErrors ? true : undefined}
              className="block text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium"
            />
            <p id="drift-file-hint" className="text-xs text-slate-500">
              The generic export format, or a Keycloak realm export (clients with
              defaultClientScopes / optionalClientScopes). At most 5 MB.
            </p>
            <FieldErrors name="file" errors={fileErrors} />
          </div>
          <SubmitButton pendingLabel="Comparing…" variant="secondary">
            Compare
          </SubmitButton>
        </div>
      </form>
      {report ? <DriftResult report={report} /> : null}
    </div>
  );
}
