"use client";
import { useId, useState } from "react";
import type { PolicyOutcome } from "@/lib/policy";
import type { ScopeResult } from "@/lib/scopes";
import { inputClass } from "../form/field";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { RiskBadge } from "./badges";
import { PolicyBadge } from "./policy-badge";
import { searchParamsFor } from "./search-params";

type Props = {
  result: ScopeResult;
  outcome: PolicyOutcome | null;
  change?: "added" | "unchanged";
  onRemove: () => void;
  onNarrow: (narrowed: string) => void;
};

/** One scope as the partner and the approver read it: meaning, risk, what policy says, problems. */
export function ScopeRow({ result, outcome, change, onRemove, onNarrow }: Props) {
  const id = useId();
  const [isNarrowing, setNarrowing] = useState(false);
  const [param, setParam] = useState("");
  const [value, setValue] = useState("");
  const canNarrow = result.valid && result.kind === "clinical" && result.resourceType !== "*";

  function applyNarrowing() {
    if (!param || !value || !result.normalized) return;
    const separator = result.normalized.includes("?") ? "&" : "?";
    onNarrow(
      `${result.normalized}${separator}${encodeURIComponent(param)}=${value.replace(/[&\s#]/g, (c) => encodeURIComponent(c))}`,
    );
    setNarrowing(false);
    setParam("");
    setValue("");
  }

  return (
    <li className={cn("space-y-2 px-4 py-3", !result.valid && "bg-red-50/60")}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <code className="font-mono text-sm break-all text-slate-900">{result.input}</code>
            {change === "added" ? <Badge tone="blue">added</Badge> : null}
            {result.valid && result.normalized && result.normalized !== result.input ? (
              <span className="text-xs text-slate-500">
                = <code className="font-mono">{result.normalized}</code>
              </span>
            ) : null}
          </div>
          <p className="text-sm text-slate-600">{result.explanation}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {result.risk ? <RiskBadge level={result.risk.level} /> : null}
          {outcome ? <PolicyBadge outcome={outcome} /> : <Badge tone="red">Invalid</Badge>}
          {canNarrow ? (
            <Button
              variant="ghost"
              size="sm"
              onClick={() => setNarrowing((v) => !v)}
              aria-expanded={isNarrowing}
              aria-controls={`${id}-narrow`}
            >
              Narrow
            </Button>
          ) : null}
          <Button
            variant="ghost"
            size="sm"
            onClick={onRemove}
            aria-label={`Remove ${result.input}`}
          >
            Remove
          </Button>
        </div>
      </div>
      {result.errors.map((e) => (
        <p key={e.code + e.message} className="text-sm text-red-700">
          <span className="font-mono text-xs">{e.code}</span> {e.message}
        </p>
      ))}
      {result.warnings.map((w) => (
        <p key={w.code + w.message} className="text-sm text-amber-800">
          <span className="font-mono text-xs">{w.code}</span> {w.message}
        </p>
      ))}
      {result.risk && result.risk.level !== "low" ? (
        <p className="text-xs text-slate-500">Risk: {result.risk.reasons.join(" ")}</p>
      ) : null}
      {isNarrowing && result.resourceType ? (
        <div
          id={`${id}-narrow`}
          role="group"
          aria-label={`Narrow ${result.input}`}
          className="flex flex-wrap items-end gap-2 rounded-md bg-slate-50 p-3"
        >
          <label className="text-sm font-medium text-slate-700">
            Search parameter
            <input
              className={cn(inputClass, "mt-1 w-48")}
              list={`${id}-params`}
              value={param}
              onChange={(e) => setParam(e.target.value.trim())}
              placeholder="category"
              autoFocus
            />
            <datalist id={`${id}-params`}>
              {searchParamsFor(result.resourceType).map((p) => (
                <option key={p} value={p} />
              ))}
            </datalist>
          </label>
          <label className="text-sm font-medium text-slate-700">
            Value
            <input
              className={cn(inputClass, "mt-1 w-64")}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              placeholder="vital-signs"
              onKeyDown={(e) => e.key === "Enter" && (e.preventDefault(), applyNarrowing())}
            />
          </label>
          <Button size="sm" onClick={applyNarrowing} disabled={!param || !value}>
            Apply
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setNarrowing(false)}>
            Cancel
          </Button>
        </div>
      ) : null}
    </li>
  );
}
