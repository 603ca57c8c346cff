"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Field, TextArea, TextInput } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { useAction } from "@/components/form/use-action";
import { ConsentPreview } from "@/components/scopes/consent-preview";
import { ScopeEditor } from "@/components/scopes/scope-editor";
import { Button, buttonClass } from "@/components/ui/button";
import type { Policy } from "@/lib/policy";
import { diffScopes, parseScopes, type AppProfile } from "@/lib/scopes";
import { changeScopesAction } from "../actions";

type Props = {
  appId: string;
  appName: string;
  organizationName: string;
  policy: Policy;
  live: string[];
  app: AppProfile & { appType: "patient" | "provider" | "backend" };
};

export function ChangeScopesForm({ appId, appName, organizationName, policy, live, app }: Props) {
  const router = useRouter();
  const [scopes, setScopes] = useState(live.join("\n"));
  const [justification, setJustification] = useState("");
  const [expiresAt, setExpiresAt] = useState("");
  const { state, execute, isPending } = useAction(changeScopesAction, {
    onSuccess: () => router.push(`/apps/${appId}?changed=1`),
  });
  const diff = useMemo(() => diffScopes(live, scopes), [live, scopes]);
  const parsed = useMemo(() => parseScopes(scopes), [scopes]);
  const hasChange = diff.added.length > 0 || diff.removed.length > 0;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    void execute({ appId, scopes, justification, expiresAt });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      <FormMessage status={state.status} message={state.message} />
      <ScopeEditor
        value={scopes}
        onChange={setScopes}
        app={app}
        policy={policy}
        errors={state.fieldErrors?.scopes}
        baseline={live}
      />
      <section
        aria-label="Summary of the change"
        className="rounded-lg border border-slate-200 bg-white p-4 text-sm"
      >
        <h2 className="font-semibold text-slate-900">Your change</h2>
        {hasChange ? (
          <p className="mt-1 text-slate-700">
            {diff.added.length} to add (each goes through the approval policy),{" "}
            {diff.removed.length} to remove (at once), {diff.unchanged.length} unchanged.
          </p>
        ) : (
          <p className="mt-1 text-slate-600">No change yet: add or remove scopes above.</p>
        )}
      </section>
      <Field
        label="Justification"
        name="justification"
        errors={state.fieldErrors?.justification}
        hint="Why the app needs what you are adding; approvers read this."
      >
        <TextArea
          name="justification"
          value={justification}
          onChange={(e) => setJustification(e.target.value)}
          maxLength={2000}
          hasHint
        />
      </Field>
      <Field
        label="End the added scopes by (optional)"
        name="expiresAt"
        errors={state.fieldErrors?.expiresAt}
        hint="Ask for a shorter life than the policy's maximum; the portal reminds you 30 and 7 days before."
      >
        <TextInput
          type="date"
          name="expiresAt"
          value={expiresAt}
          onChange={(e) => setExpiresAt(e.target.value)}
          hasHint
        />
      </Field>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <ConsentPreview
          appName={appName}
          organizationName={organizationName}
          appType={app.appType}
          scopes={parsed}
        />
        <div className="flex gap-2">
          <Link href={`/apps/${appId}`} className={buttonClass("ghost")}>
            Cancel
          </Link>
          <Button
            type="submit"
            disabled={isPending || !hasChange}
            aria-busy={isPending || undefined}
          >
            {isPending ? "Submitting…" : "Submit change"}
          </Button>
        </div>
      </div>
    </form>
  );
}
