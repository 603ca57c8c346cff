"use client";
import { inputClass } from "@/components/form/field";
import { PolicyBadge } from "@/components/scopes/policy-badge";
import { cn } from "@/components/ui/cn";
import type { DraftVerdict } from "@/lib/approvals/policy-rules";
import type { Policy } from "@/lib/policy";
import type { AppType } from "@/lib/scopes";

function Verdict({
  title,
  verdict,
  policy,
}: {
  title: string;
  verdict: DraftVerdict;
  policy: Policy;
}) {
  const rule = verdict.ruleIndex === null ? null : policy.rules[verdict.ruleIndex];
  return (
    <div className="space-y-1">
      <div className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</div>
      <div className="flex flex-wrap items-center gap-2">
        <PolicyBadge outcome={verdict.decision.outcome} />
        <span className="text-sm text-slate-800">
          {rule
            ? `Rule ${verdict.ruleIndex! + 1} (${rule.id})`
            : verdict.scope.valid
              ? "No rule matched: the fallback"
              : "Invalid scope"}
        </span>
      </div>
      <p className="text-sm text-slate-600">{verdict.decision.reason}</p>
    </div>
  );
}

/** Which rule decides a typed scope, live, under the draft and under the version in force. */
export function ScopeTester({
  scope,
  appType,
  onScope,
  onAppType,
  draft,
  current,
  draftVerdict,
  currentVerdict,
  version,
}: {
  scope: string;
  appType: AppType | "";
  onScope: (s: string) => void;
  onAppType: (a: AppType | "") => void;
  draft: Policy;
  current: Policy;
  draftVerdict: DraftVerdict | null;
  currentVerdict: DraftVerdict | null;
  version: number;
}) {
  const isChanged =
    draftVerdict &&
    currentVerdict &&
    (draftVerdict.decision.outcome !== currentVerdict.decision.outcome ||
      draftVerdict.decision.ruleId !== currentVerdict.decision.ruleId);
  return (
    <section
      aria-labelledby="try-scope-title"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id="try-scope-title" className="text-base font-semibold text-slate-900">
        Try a scope
      </h2>
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem] lg:grid-cols-1 xl:grid-cols-[1fr_9rem]">
        <label className="text-sm font-medium text-slate-700">
          Scope
          <input
            className={cn(inputClass, "mt-1 font-mono")}
            value={scope}
            onChange={(e) => onScope(e.target.value)}
            placeholder="patient/Observation.rs"
            spellCheck={false}
            autoComplete="off"
          />
        </label>
        <label className="text-sm font-medium text-slate-700">
          App type
          <select
            className={cn(inputClass, "mt-1")}
            value={appType}
            onChange={(e) => onAppType(e.target.value as AppType | "")}
          >
            <option value="">Not given</option>
            <option value="patient">Patient-facing</option>
            <option value="provider">Provider-facing</option>
            <option value="backend">Backend service</option>
          </select>
        </label>
      </div>
      <div aria-live="polite" className="space-y-3">
        {!draftVerdict || !currentVerdict ? (
          <p className="text-sm text-slate-500">Type a scope to see which rule decides it.</p>
        ) : (
          <>
            {draftVerdict.scope.valid ? null : (
              <p className="text-sm text-red-700">
                Not a valid scope: {draftVerdict.scope.errors[0]?.message ?? "check its form."}
              </p>
            )}
            <Verdict title="Under your draft" verdict={draftVerdict} policy={draft} />
            <Verdict
              title={`Under version ${version} (in force)`}
              verdict={currentVerdict}
              policy={current}
            />
            {isChanged ? (
              <p className="text-sm font-medium text-brand-800">
                Your draft decides this scope differently.
              </p>
            ) : null}
          </>
        )}
      </div>
    </section>
  );
}
