"use client";
import { useState } from "react";
import { useAction } from "@/components/form/use-action";
import { Button } from "@/components/ui/button";
import { outcomeLabel } from "@/lib/approvals/policy-rules";
import type { ImpactGroup } from "@/lib/approvals/policy-service";
import type { Policy } from "@/lib/policy";
import { previewPolicyAction } from "../actions";

function Group({ title, group, note }: { title: string; group: ImpactGroup; note: string }) {
  return (
    <div className="space-y-1">
      <p className="text-sm text-slate-800">
        <strong>{group.changed.toLocaleString("en")}</strong> of{" "}
        {group.checked.toLocaleString("en")} {title} would be classified differently.
      </p>
      <p className="text-xs text-slate-500">{note}</p>
      {group.examples.length ? (
        <ul className="space-y-0.5 text-xs text-slate-700">
          {group.examples.map((e, i) => (
            <li key={`${e.scope}-${e.appName}-${i}`}>
              <code className="font-mono">{e.scope}</code> ({e.appName}): {outcomeLabel[e.before]} →{" "}
              <strong>{outcomeLabel[e.after]}</strong>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The draft's effect on what exists today, computed on the server when asked. */
export function ImpactPreview({ draft, signature }: { draft: Policy; signature: string }) {
  const [checked, setChecked] = useState<string | null>(null);
  const { state, execute, isPending } = useAction(previewPolicyAction, { focusOnError: false });
  const result = state.status === "success" ? { ...state.data, signature: checked } : null;
  const error = state.status === "error" ? state.message : null;
  const isStale = result !== null && result.signature !== signature;

  function check() {
    setChecked(signature);
    void execute({ policy: draft });
  }

  const impact = result?.impact;
  return (
    <section
      aria-labelledby="impact-title"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="impact-title" className="text-base font-semibold text-slate-900">
          Effect on what exists
        </h2>
        <Button
          variant="secondary"
          size="sm"
          onClick={check}
          disabled={isPending}
          aria-busy={isPending || undefined}
        >
          {isPending ? "Checking…" : result ? "Check again" : "Check the effect"}
        </Button>
      </div>
      <div aria-live="polite" className="space-y-3">
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        ) : null}
        {impact ? (
          <>
            {isStale ? (
              <p className="text-sm text-amber-800">The draft has changed since this check.</p>
            ) : null}
            <Group
              title="pending requests"
              group={impact.pending}
              note="Approvals follow the policy in force when an admin decides, so these change how they can be approved."
            />
            <Group
              title="live grants"
              group={impact.granted}
              note="Saving changes no existing grant; revoke or review those that no longer fit."
            />
            {impact.isSampled ? (
              <p className="text-xs text-slate-500">
                Checked the newest {impact.sampleSize.toLocaleString("en")} of each (
                {impact.pending.total.toLocaleString("en")} pending,{" "}
                {impact.granted.total.toLocaleString("en")} granted in all).
              </p>
            ) : null}
          </>
        ) : error ? null : (
          <p className="text-sm text-slate-500">
            See how many pending requests and live grants your draft would classify differently from
            the version in force.
          </p>
        )}
      </div>
    </section>
  );
}
