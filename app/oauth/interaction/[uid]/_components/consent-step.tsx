import { FormMessage } from "@/components/form/form-message";
import { ConsentGroups } from "@/components/scopes/consent-groups";
import { Button } from "@/components/ui/button";
import type { InteractionView } from "@/lib/authserver/interaction-view";

type ConsentView = Extract<InteractionView, { prompt: "consent" }>;

/** The patient picker (for launch/patient) and the same plain-words list as the portal's preview. */
export function ConsentStep({
  view,
  error,
  action,
  denyAction,
}: {
  view: ConsentView;
  error: string | null;
  action: string;
  denyAction: string;
}) {
  const { account, app } = view;
  return (
    <form method="post" action={action} className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold text-slate-900">{app.name} wants to:</h1>
        <p className="mt-1 text-sm text-slate-600">
          Signed in as {account.name}.{" "}
          {app.policyUri ? (
            <a
              href={app.policyUri}
              className="font-medium text-brand-700 underline-offset-2 hover:underline"
            >
              The app&apos;s privacy policy
            </a>
          ) : null}
        </p>
      </div>
      <FormMessage status={error ? "error" : "idle"} message={error ?? undefined} />
      {view.needsPatient ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-semibold text-slate-800">
            Whose records may the app open?
          </legend>
          {account.patients.length === 0 ? (
            <p className="text-sm text-slate-600">No patient records are linked to your account.</p>
          ) : (
            account.patients.map((patient, index) => (
              <label
                key={patient.id}
                className="flex items-center gap-3 rounded-md px-3 py-2 text-sm text-slate-800 ring-1 ring-slate-200 ring-inset has-checked:bg-brand-50 has-checked:ring-brand-600"
              >
                <input
                  type="radio"
                  name="patient"
                  value={patient.id}
                  defaultChecked={index === 0}
                />
                {patient.name}
              </label>
            ))
          )}
        </fieldset>
      ) : null}
      <ConsentGroups
        scopes={view.scopes}
        audience={account.kind}
        empty="Nothing but signing you in."
      />
      <div className="flex gap-2 pt-2">
        <Button type="submit" className="flex-1">
          Allow
        </Button>
        <Button type="submit" variant="secondary" className="flex-1" formAction={denyAction}>
          Deny
        </Button>
      </div>
    </form>
  );
}
