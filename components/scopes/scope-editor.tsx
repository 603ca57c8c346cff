"use client";
import { useMemo } from "react";
import { analyzeScopes } from "@/lib/analysis/analyze";
import { evaluatePolicy, type Policy, type PolicyOutcome } from "@/lib/policy";
import {
  meaningKey,
  parseScopes,
  splitScopeString,
  type AppProfile,
  type Finding,
} from "@/lib/scopes";
import { describedBy, FieldErrors, inputClass } from "../form/field";
import { Badge } from "../ui/badge";
import { cn } from "../ui/cn";
import { ScopeBuilder } from "./scope-builder";
import { ScopeRow } from "./scope-row";

type Props = {
  value: string;
  onChange: (text: string) => void;
  app: AppProfile & { appType: "patient" | "provider" | "backend" };
  policy: Policy;
  errors?: string[];
  /** The app's current live scopes, when editing: additions are marked and removals listed. */
  baseline?: string[];
};

const severityTone = { error: "red", warning: "amber", info: "blue" } as const;

/** Types, builds and checks a scope set, all live: the text box is the single source of truth. */
export function ScopeEditor({ value, onChange, app, policy, errors, baseline }: Props) {
  const tokens = useMemo(() => splitScopeString(value), [value]);
  const analysis = useMemo(() => analyzeScopes(tokens, { app, policy }), [tokens, app, policy]);
  const parsed = useMemo(() => parseScopes(tokens), [tokens]);
  const outcomes: (PolicyOutcome | null)[] = parsed.map((p) =>
    p.valid ? evaluatePolicy(policy, p, app.appType).outcome : null,
  );
  const baselineKeys = useMemo(
    () => new Set(parseScopes(baseline ?? []).map(meaningKey)),
    [baseline],
  );
  const removed = baseline
    ? parseScopes(baseline).filter((b) => !parsed.some((p) => meaningKey(p) === meaningKey(b)))
    : [];

  const setTokens = (next: string[]) => onChange(next.join("\n"));
  const counts = {
    grant: outcomes.filter((o) => o === "grant").length,
    approval: outcomes.filter((o) => o === "one_approver" || o === "two_approvers").length,
    invalid: outcomes.filter((o) => o === null || o === "forbidden").length,
  };

  return (
    <div className="space-y-4">
      <div className="space-y-1.5">
        <label htmlFor="scopes" className="block text-sm font-medium text-slate-800">
          Scopes{" "}
          <span className="font-normal text-slate-500">
            (type or paste, separated by spaces or new lines)
          </span>
        </label>
        <textarea
          id="scopes"
          name="scopes"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          spellCheck={false}
          rows={Math.min(12, Math.max(4, tokens.length + 1))}
          className={cn(inputClass, "font-mono")}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedBy("scopes", errors)}
          placeholder="patient/Observation.rs launch/patient openid fhirUser"
        />
        <FieldErrors name="scopes" errors={errors} />
      </div>

      <details className="group">
        <summary className="cursor-pointer text-sm font-medium text-brand-700">
          Build a scope from its parts
        </summary>
        <div className="mt-3">
          <ScopeBuilder
            defaultContext={
              app.appType === "backend" ? "system" : app.appType === "provider" ? "user" : "patient"
            }
            onAdd={(scope) => setTokens([...tokens, scope])}
          />
        </div>
      </details>

      <div className="rounded-lg border border-slate-200 bg-white">
        <div
          className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-2.5 text-sm"
          aria-live="polite"
        >
          <span className="font-semibold text-slate-800">
            {tokens.length} scope{tokens.length === 1 ? "" : "s"}
          </span>
          <Badge tone="green">{counts.grant} granted at once</Badge>
          <Badge tone="amber">{counts.approval} need approval</Badge>
          {counts.invalid ? <Badge tone="red">{counts.invalid} invalid</Badge> : null}
        </div>
        {tokens.length === 0 ? (
          <p className="px-4 py-6 text-center text-sm text-slate-500">
            No scopes yet. Start from a template, build one, or type it above.
          </p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {analysis.scopes.map((result, i) => (
              <ScopeRow
                key={`${i}:${result.input}`}
                result={result}
                outcome={outcomes[i] ?? null}
                change={
                  baseline
                    ? baselineKeys.has(meaningKey(parsed[i]!))
                      ? "unchanged"
                      : "added"
                    : undefined
                }
                onRemove={() => setTokens(tokens.filter((_, j) => j !== i))}
                onNarrow={(narrowed) => setTokens(tokens.map((t, j) => (j === i ? narrowed : t)))}
              />
            ))}
          </ul>
        )}
        {removed.length ? (
          <div className="border-t border-slate-200 px-4 py-3 text-sm">
            <p className="font-medium text-slate-800">
              Removed (takes effect as soon as you submit):
            </p>
            <ul className="mt-1 space-y-0.5">
              {removed.map((r) => (
                <li key={r.input} className="font-mono text-red-700 line-through">
                  {r.input}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>

      <Findings findings={analysis.findings} />
    </div>
  );
}

function Findings({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) return null;
  return (
    <section
      aria-labelledby="findings-title"
      className="rounded-lg border border-amber-200 bg-amber-50/50 p-4"
    >
      <h3 id="findings-title" className="text-sm font-semibold text-slate-900">
        Checks on the whole set
      </h3>
      <ul className="mt-2 space-y-2">
        {findings.map((f, i) => (
          <li key={`${f.rule}-${i}`} className="flex gap-2 text-sm text-slate-700">
            <Badge tone={severityTone[f.severity]}>{f.severity}</Badge>
            <span>
              {f.message}
              {f.scopes.length ? (
                <span className="ml-1 font-mono text-xs text-slate-500">
                  ({f.scopes.join(", ")})
                </span>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
