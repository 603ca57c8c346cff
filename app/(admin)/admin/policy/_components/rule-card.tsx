"use client";
import { useState } from "react";
import { Field, Select, TextInput } from "@/components/form/field";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { describeMatch, outcomeLabel } from "@/lib/approvals/policy-rules";
import { RESOURCE_TYPE_SET, suggestResourceType } from "@/lib/scopes/resource-types";
import { CheckGroup, TriGroup } from "./condition-controls";
import {
  APP_TYPES,
  CONTEXTS,
  KINDS,
  LETTERS,
  OUTCOMES,
  fromDraftRule,
  splitResourceTypes,
  type DraftRule,
  type RuleErrors,
} from "./draft";

const kindLabels = {
  clinical: "clinical",
  identity: "identity",
  launch: "launch context",
  refresh: "refresh token",
} as const;
const letterTitles = { c: "create", r: "read", u: "update", d: "delete", s: "search" } as const;
const appTypeLabels = {
  patient: "patient-facing",
  provider: "provider-facing",
  backend: "backend service",
} as const;

/** Names typed that are not FHIR R4 resource types, with a suggestion where one is close. */
function unknownTypes(text: string): string[] {
  return splitResourceTypes(text)
    .filter((name) => name !== "*" && !RESOURCE_TYPE_SET.has(name))
    .map((name) => {
      const hint = suggestResourceType(name);
      return hint ? `${name} (did you mean ${hint.suggestion}?)` : name;
    });
}

export function ruleLabel(rule: DraftRule, index: number) {
  return `Rule ${index + 1} (${rule.id.trim() || "no id"})`;
}

export function RuleCard({
  rule,
  index,
  count,
  errors = {},
  isDeciding,
  onChange,
  onMove,
  onRemove,
}: {
  rule: DraftRule;
  index: number;
  count: number;
  errors?: RuleErrors;
  isDeciding: boolean;
  onChange: (patch: Partial<DraftRule>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const k = rule.key;
  const label = ruleLabel(rule, index);
  const unknown = unknownTypes(rule.resourceTypes);
  const match = fromDraftRule(rule).match;
  const hasErrors = Object.keys(errors).length > 0;
  const hasConditionErrors = Object.keys(errors).some(
    (field) => !["id", "description", "outcome"].includes(field),
  );
  // Conditions start folded to keep the list scannable; new rules and rules with problems show them.
  const [isOpen, setOpen] = useState(rule.key.startsWith("new"));
  const showConditions = isOpen || hasConditionErrors;
  return (
    <li
      role="group"
      aria-label={label}
      className={cn(
        "space-y-4 rounded-lg border bg-white p-4 shadow-sm",
        hasErrors
          ? "border-red-300"
          : isDeciding
            ? "border-brand-600 ring-1 ring-brand-600"
            : "border-slate-200",
      )}
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <span
            className="grid size-7 place-items-center rounded-full bg-slate-100 text-sm font-semibold text-slate-700"
            aria-hidden
          >
            {index + 1}
          </span>
          {isDeciding ? <Badge tone="blue">Decides the scope you are trying</Badge> : null}
        </div>
        <div className="flex items-center gap-1">
          <Button
            id={`${k}-up`}
            variant="ghost"
            size="sm"
            disabled={index === 0}
            onClick={() => onMove(-1)}
            aria-label={`Move ${label} up`}
          >
            <span aria-hidden>↑</span> Up
          </Button>
          <Button
            id={`${k}-down`}
            variant="ghost"
            size="sm"
            disabled={index === count - 1}
            onClick={() => onMove(1)}
            aria-label={`Move ${label} down`}
          >
            <span aria-hidden>↓</span> Down
          </Button>
          <Button
            variant="ghost"
            size="sm"
            onClick={onRemove}
            aria-label={`Remove ${label}`}
            className="text-red-700"
          >
            Remove
          </Button>
        </div>
      </div>

      <div className="grid gap-4 md:grid-cols-[11rem_1fr_14rem]">
        <Field label="Rule id" name={`${k}-id`} errors={errors.id}>
          <TextInput
            name={`${k}-id`}
            value={rule.id}
            maxLength={64}
            onChange={(e) => onChange({ id: e.target.value })}
            errors={errors.id}
            spellCheck={false}
            className="font-mono"
          />
        </Field>
        <Field label="Description" name={`${k}-description`} errors={errors.description}>
          <TextInput
            name={`${k}-description`}
            value={rule.description}
            maxLength={500}
            onChange={(e) => onChange({ description: e.target.value })}
            errors={errors.description}
          />
        </Field>
        <Field label="Outcome" name={`${k}-outcome`} errors={errors.outcome}>
          <Select
            name={`${k}-outcome`}
            value={rule.outcome}
            onChange={(e) => onChange({ outcome: e.target.value as DraftRule["outcome"] })}
            errors={errors.outcome}
          >
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {outcomeLabel[o]}
              </option>
            ))}
          </Select>
        </Field>
      </div>

      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-700">
          <span className="font-medium">When:</span>{" "}
          {Object.keys(match).length
            ? describeMatch(match)
            : "no condition yet; choose at least one."}
        </p>
        {hasConditionErrors ? null : (
          <Button
            variant="ghost"
            size="sm"
            aria-expanded={showConditions}
            aria-controls={`${k}-conditions`}
            onClick={() => setOpen(!isOpen)}
          >
            {showConditions ? "Hide conditions" : "Edit conditions"}
            <span className="sr-only"> of {label}</span>
          </Button>
        )}
      </div>

      {showConditions ? (
        <fieldset
          id={`${k}-conditions`}
          className="space-y-3 rounded-md bg-slate-50 p-3"
          aria-describedby={errors.conditions?.length ? `${k}-conditions-error` : undefined}
        >
          <legend className="sr-only">Conditions of {label}</legend>
          <p className="text-sm text-slate-700">
            Matches a scope when <strong>every</strong> condition below holds; leave a group empty
            to match any value.
          </p>
          <div className="grid gap-3 md:grid-cols-2">
            <CheckGroup
              id={`${k}-kinds`}
              legend="Kind of scope"
              options={KINDS.map((v) => ({ value: v, label: kindLabels[v] }))}
              chosen={rule.kinds}
              onChange={(kinds) => onChange({ kinds })}
              errors={errors.kinds}
            />
            <CheckGroup
              id={`${k}-contexts`}
              legend="Context"
              options={CONTEXTS.map((v) => ({ value: v, label: v }))}
              chosen={rule.contexts}
              onChange={(contexts) => onChange({ contexts })}
              errors={errors.contexts}
            />
            <CheckGroup
              id={`${k}-permissions`}
              legend="Has any of these permissions"
              options={LETTERS.map((v) => ({ value: v, label: `${v} (${letterTitles[v]})` }))}
              chosen={rule.permissionsAny}
              onChange={(permissionsAny) => onChange({ permissionsAny })}
              errors={errors.permissionsAny}
            />
            <CheckGroup
              id={`${k}-apptypes`}
              legend="App type"
              options={APP_TYPES.map((v) => ({ value: v, label: appTypeLabels[v] }))}
              chosen={rule.appTypes}
              onChange={(appTypes) => onChange({ appTypes })}
              errors={errors.appTypes}
            />
            <TriGroup
              id={`${k}-wildcard`}
              legend="Wildcard resource (*)"
              labels={{ any: "any", yes: "only *", no: "only named types" }}
              value={rule.wildcardResource}
              onChange={(wildcardResource) => onChange({ wildcardResource })}
              errors={errors.wildcardResource}
            />
            <TriGroup
              id={`${k}-narrowed`}
              legend="Narrowed by search parameters"
              labels={{ any: "any", yes: "narrowed only", no: "not narrowed" }}
              value={rule.narrowed}
              onChange={(narrowed) => onChange({ narrowed })}
              errors={errors.narrowed}
            />
          </div>
          <Field
            label="Resource types"
            name={`${k}-types`}
            errors={errors.resourceTypes}
            hint="FHIR R4 names separated by commas or spaces, e.g. Claim, Coverage (* for wildcard scopes). Empty: any type."
          >
            <TextInput
              name={`${k}-types`}
              value={rule.resourceTypes}
              onChange={(e) => onChange({ resourceTypes: e.target.value })}
              errors={errors.resourceTypes}
              hasHint
              spellCheck={false}
              autoComplete="off"
            />
          </Field>
          {unknown.length && !errors.resourceTypes ? (
            <p className="text-sm text-amber-800">
              Not FHIR R4 resource types: {unknown.join(", ")}. Names are case-sensitive.
            </p>
          ) : null}
          {errors.conditions?.length ? (
            <p id={`${k}-conditions-error`} role="alert" className="text-sm text-red-700">
              {errors.conditions.join(" ")}
            </p>
          ) : null}
        </fieldset>
      ) : null}
    </li>
  );
}
