"use client";
import Link from "next/link";
import { useMemo, useState } from "react";
import { Field, TextArea, TextInput } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { useAction } from "@/components/form/use-action";
import { ConsentPreview } from "@/components/scopes/consent-preview";
import { ScopeEditor } from "@/components/scopes/scope-editor";
import { Button, buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { CopyValue } from "@/components/ui/copy-value";
import { evaluatePolicy, type Policy } from "@/lib/policy";
import {
  applyTemplateDefaults,
  parseScopes,
  templatesForAppType,
  type ScopeTemplate,
} from "@/lib/scopes";
import { registerAppAction } from "../new/actions";
import { AppDetailsFields, emptyDetails, type Details } from "./app-details-fields";

export function RegisterAppForm({
  policy,
  organizationName,
}: {
  policy: Policy;
  organizationName: string;
}) {
  const [details, setDetails] = useState<Details>(emptyDetails);
  const [scopes, setScopes] = useState("");
  const [templateKey, setTemplateKey] = useState<string | null>(null);
  const [justification, setJustification] = useState("");
  const [expiresAt, setExpiresAt] = useState("");
  const { state, execute, isPending } = useAction(registerAppAction);

  const templates = templatesForAppType(details.appType);
  const parsed = useMemo(() => parseScopes(scopes), [scopes]);
  const needsApproval = parsed.some(
    (p) => p.valid && evaluatePolicy(policy, p, details.appType).outcome !== "grant",
  );
  const errors = (field: string) => state.fieldErrors?.[field];
  const app = useMemo(
    () => ({
      appType: details.appType,
      clientType: details.clientType,
      launchModes: details.launchModes,
      launchUrl: details.launchUrl || null,
      signsUsersIn: details.appType !== "backend",
    }),
    [details.appType, details.clientType, details.launchModes, details.launchUrl],
  );

  function applyTemplate(template: ScopeTemplate, list: readonly string[]) {
    if (scopes.trim() && !window.confirm("Replace the scopes you have with this template?")) return;
    setScopes(list.join("\n"));
    setTemplateKey(template.key);
    // The client type and launch settings the template's scopes assume, so they start lint-clean.
    setDetails({ ...details, ...applyTemplateDefaults(template, details) });
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    void execute({ details, scopes, templateKey, justification, expiresAt });
  }

  if (state.status === "success") {
    const done = state.data;
    return (
      <Card>
        <CardHeader
          title={`${details.name} is registered`}
          description={`${done.granted} scope${done.granted === 1 ? "" : "s"} granted at once, ${done.pending} waiting for approval.`}
        />
        <CardBody className="space-y-4">
          <CopyValue label="Client id" value={done.clientId} />
          {done.clientSecret ? (
            <div className="space-y-2">
              <CopyValue label="Client secret" value={done.clientSecret} isSecret />
              <p role="status" className="text-sm text-amber-800">
                This secret is shown once. Store it in your secrets manager now; it cannot be shown
                again (you can rotate it later).
              </p>
            </div>
          ) : null}
          <Link href={`/apps/${done.appId}`} className={buttonClass()}>
            Go to the app
          </Link>
        </CardBody>
      </Card>
    );
  }

  const shown = /^(details\.|scopes$|justification$|expiresAt$)/;
  const unshown = Object.entries(state.fieldErrors ?? {})
    .filter(([key]) => !shown.test(key))
    .flatMap(([, messages]) => messages);
  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      <FormMessage
        status={state.status}
        message={[state.message, ...unshown].filter(Boolean).join(" ")}
      />
      <Card>
        <CardHeader title="About the app" />
        <CardBody>
          <AppDetailsFields value={details} onChange={setDetails} errors={errors} />
        </CardBody>
      </Card>

      <Card>
        <CardHeader
          title="Scopes"
          description="Start from a template for your app type and remove or narrow what you do not need. Every scope is checked as you type."
        />
        <CardBody className="space-y-5">
          <fieldset>
            <legend className="mb-2 text-sm font-medium text-slate-800">
              Start from a template
            </legend>
            <div className="grid gap-3 md:grid-cols-2">
              {templates.map((template) => (
                <div
                  key={template.key}
                  className={cn(
                    "rounded-md border p-3",
                    templateKey === template.key
                      ? "border-brand-600 bg-brand-50"
                      : "border-slate-200",
                  )}
                >
                  <div className="font-medium text-slate-900">{template.name}</div>
                  <p className="mt-1 text-xs text-slate-600">{template.description}</p>
                  <div className="mt-2 flex flex-wrap gap-2">
                    <Button
                      size="sm"
                      variant="secondary"
                      onClick={() => applyTemplate(template, template.scopes)}
                    >
                      Use {template.name}
                    </Button>
                    {template.variants.map((variant) => (
                      <Button
                        key={variant.key}
                        size="sm"
                        variant="ghost"
                        onClick={() => applyTemplate(template, variant.scopes)}
                      >
                        {variant.name}
                      </Button>
                    ))}
                  </div>
                </div>
              ))}
            </div>
            <button
              type="button"
              className="mt-2 text-sm text-brand-700 hover:underline"
              onClick={() => {
                setScopes("");
                setTemplateKey(null);
              }}
            >
              Start from nothing
            </button>
          </fieldset>

          <ScopeEditor
            value={scopes}
            onChange={setScopes}
            app={app}
            policy={policy}
            errors={errors("scopes")}
          />

          {needsApproval ? (
            <Field
              label="Why does the app need the access that waits for approval?"
              name="justification"
              errors={errors("justification")}
              hint="Approvers read this with your request."
            >
              <TextArea
                name="justification"
                value={justification}
                onChange={(e) => setJustification(e.target.value)}
                maxLength={2000}
                hasHint
              />
            </Field>
          ) : null}
          <Field
            label="End these scopes by (optional)"
            name="expiresAt"
            errors={errors("expiresAt")}
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
        </CardBody>
      </Card>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <ConsentPreview
          appName={details.name}
          organizationName={organizationName}
          appType={details.appType}
          scopes={parsed}
        />
        <div className="flex gap-2">
          <Link href="/apps" className={buttonClass("ghost")}>
            Cancel
          </Link>
          <Button type="submit" disabled={isPending} aria-busy={isPending || undefined}>
            {isPending ? "Registering…" : "Register app"}
          </Button>
        </div>
      </div>
    </form>
  );
}
