"use client";
import { useMemo, useState } from "react";
import { Field, Select, TextArea } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { useAction } from "@/components/form/use-action";
import { Button } from "@/components/ui/button";
import { decideScope, outcomeLabel, samePolicy } from "@/lib/approvals/policy-rules";
import type { Policy } from "@/lib/policy";
import type { AppType } from "@/lib/scopes";
import { savePolicyAction } from "../actions";
import {
  editorErrorsOf,
  fromDraft,
  moveRule,
  newDraftRule,
  OUTCOMES,
  toDraft,
  type Draft,
  type DraftRule,
  type EditorErrors,
} from "./draft";
import { ImpactPreview } from "./impact-preview";
import { RuleCard, ruleLabel } from "./rule-card";
import { ScopeTester } from "./scope-tester";

const focusSoon = (selector: string) =>
  requestAnimationFrame(() => document.querySelector<HTMLElement>(selector)?.focus());

/**
 * Edits a draft of the policy in the browser (nothing is saved until Save). The draft survives a
 * failed save; errors come back by rule and field and follow their rule if it is moved.
 */
export function PolicyEditor({ current, version }: { current: Policy; version: number }) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(current));
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<EditorErrors | null>(null);
  const [message, setMessage] = useState<string | undefined>();
  const [removed, setRemoved] = useState<{ rule: DraftRule; index: number } | null>(null);
  const [scope, setScope] = useState("");
  const [appType, setAppType] = useState<AppType | "">("");
  const { execute, isPending } = useAction(savePolicyAction, { focusOnError: false });

  const policy = useMemo(() => fromDraft(draft), [draft]);
  const signature = useMemo(() => JSON.stringify(policy), [policy]);
  const isUnchanged = useMemo(() => samePolicy(policy, current), [policy, current]);
  const draftVerdict = scope.trim() ? decideScope(policy, scope, appType || undefined) : null;
  const currentVerdict = scope.trim() ? decideScope(current, scope, appType || undefined) : null;
  const decidingKey =
    draftVerdict?.ruleIndex != null ? draft.rules[draftVerdict.ruleIndex]?.key : undefined;

  const setRules = (rules: DraftRule[]) => setDraft((d) => ({ ...d, rules }));
  const patchRule = (key: string, patch: Partial<DraftRule>) =>
    setDraft((d) => ({
      ...d,
      rules: d.rules.map((r) => (r.key === key ? { ...r, ...patch } : r)),
    }));

  function move(index: number, by: -1 | 1) {
    const key = draft.rules[index]!.key;
    const to = index + by;
    setRules(moveRule(draft.rules, index, by));
    // Keep the keyboard where it was: on the same button of the moved rule, or its other one at an end.
    const atEnd = to === 0 || to === draft.rules.length - 1;
    focusSoon(`#${key}-${atEnd ? (by < 0 ? "down" : "up") : by < 0 ? "up" : "down"}`);
  }

  function remove(index: number) {
    setRemoved({ rule: draft.rules[index]!, index });
    setRules(draft.rules.filter((_, i) => i !== index));
  }

  function undoRemove() {
    if (!removed) return;
    const rules = [...draft.rules];
    rules.splice(Math.min(removed.index, rules.length), 0, removed.rule);
    setRules(rules);
    setRemoved(null);
  }

  function add() {
    const rule = newDraftRule(draft.rules);
    setRules([...draft.rules, rule]);
    focusSoon(`#${rule.key}-description`);
  }

  function save(event: React.FormEvent) {
    event.preventDefault();
    const submittedKeys = draft.rules.map((r) => r.key);
    // On success the action redirects to the page with the new version.
    void execute({ policy, note, baseVersion: version }).then((result) => {
      if (result.status !== "error") return;
      setErrors(editorErrorsOf(result.fieldErrors, submittedKeys));
      setMessage(result.message);
      focusSoon("[aria-invalid=true], [role=alert]");
    });
  }

  const formErrors = [message, ...(errors?.other ?? [])].filter(Boolean).join(" ");
  return (
    <form onSubmit={save} noValidate className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <div className="min-w-0 space-y-4">
        <FormMessage status={formErrors ? "error" : "idle"} message={formErrors} />
        <div>
          <h2 className="text-lg font-semibold text-slate-900">Rules</h2>
          <p className="text-sm text-slate-600">
            Checked top to bottom: the first rule whose conditions all hold decides; invalid scopes
            are always forbidden. Each rule&apos;s id is recorded on the scopes it decides, and its
            description is the reason partners and approvers read.
          </p>
        </div>
        {draft.rules.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-600">
            No rules: every valid scope gets the fallback outcome.
          </p>
        ) : (
          <ol className="space-y-4" aria-label="Rules, first match wins">
            {draft.rules.map((rule, index) => (
              <RuleCard
                key={rule.key}
                rule={rule}
                index={index}
                count={draft.rules.length}
                errors={errors?.byRule[rule.key]}
                isDeciding={rule.key === decidingKey}
                onChange={(patch) => patchRule(rule.key, patch)}
                onMove={(by) => move(index, by)}
                onRemove={() => remove(index)}
              />
            ))}
          </ol>
        )}
        {removed ? (
          <p role="status" className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
            Removed {ruleLabel(removed.rule, removed.index)}.
            <Button variant="ghost" size="sm" onClick={undoRemove}>
              Undo
            </Button>
          </p>
        ) : null}
        <Button variant="secondary" onClick={add}>
          Add a rule
        </Button>

        <div className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm md:grid-cols-[16rem_1fr]">
          <Field
            label="When no rule matches"
            name="fallback"
            errors={errors?.fallback}
            hint="The fallback outcome."
          >
            <Select
              name="fallback"
              value={draft.fallback}
              onChange={(e) =>
                setDraft((d) => ({ ...d, fallback: e.target.value as Draft["fallback"] }))
              }
              errors={errors?.fallback}
              hasHint
            >
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {outcomeLabel[o]}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Why this change?"
            name="note"
            errors={errors?.note}
            hint="Kept with the version and in the audit log."
            required
          >
            <TextArea
              name="note"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={1000}
              errors={errors?.note}
              hasHint
              required
            />
          </Field>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={isPending} aria-busy={isPending || undefined}>
            {isPending ? "Saving…" : `Save as version ${version + 1}`}
          </Button>
          {isUnchanged ? (
            <span className="text-sm text-slate-500">
              The draft is the same as version {version}.
            </span>
          ) : (
            <span className="text-sm text-amber-800">Unsaved changes.</span>
          )}
        </div>
      </div>
      <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start" aria-label="Check the draft">
        <ScopeTester
          scope={scope}
          appType={appType}
          onScope={setScope}
          onAppType={setAppType}
          draft={policy}
          current={current}
          draftVerdict={draftVerdict}
          currentVerdict={currentVerdict}
          version={version}
        />
        <ImpactPreview draft={policy} signature={signature} />
      </aside>
    </form>
  );
}
