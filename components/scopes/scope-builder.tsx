"use client";
import { useId, useState } from "react";
import { RESOURCE_TYPES } from "@/lib/scopes";
import { inputClass } from "../form/field";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { searchParamsFor } from "./search-params";

const LETTERS = [
  { letter: "c", label: "create" },
  { letter: "r", label: "read" },
  { letter: "u", label: "update" },
  { letter: "d", label: "delete" },
  { letter: "s", label: "search" },
] as const;

/** Builds one clinical scope from its parts; the result is appended to the editor. */
export function ScopeBuilder({
  onAdd,
  defaultContext,
}: {
  onAdd: (scope: string) => void;
  defaultContext: "patient" | "user" | "system";
}) {
  const id = useId();
  const [context, setContext] = useState(defaultContext);
  const [resourceType, setResourceType] = useState("");
  const [letters, setLetters] = useState<Set<string>>(new Set(["r", "s"]));
  const [param, setParam] = useState("");
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);

  const isKnownType = resourceType === "*" || RESOURCE_TYPES.includes(resourceType);
  function add() {
    if (!isKnownType)
      return setError(
        resourceType
          ? `${resourceType} is not a FHIR R4 resource type; pick one from the list.`
          : "Choose a resource type.",
      );
    const permissions = LETTERS.map((l) => l.letter)
      .filter((l) => letters.has(l))
      .join("");
    if (!permissions) return setError("Choose at least one permission.");
    if ((param && !value) || (!param && value))
      return setError("Give both a search parameter and a value, or neither.");
    const query = param
      ? `?${encodeURIComponent(param)}=${value.replace(/[&\s#]/g, (c) => encodeURIComponent(c))}`
      : "";
    onAdd(`${context}/${resourceType}.${permissions}${query}`);
    setError(null);
    setParam("");
    setValue("");
  }

  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-4">
      <legend className="px-1 text-sm font-semibold text-slate-800">Build a clinical scope</legend>
      <div className="grid gap-3 sm:grid-cols-[9rem_1fr]">
        <label className="text-sm font-medium text-slate-700">
          Context
          <select
            className={cn(inputClass, "mt-1")}
            value={context}
            onChange={(e) => setContext(e.target.value as typeof context)}
          >
            <option value="patient">patient</option>
            <option value="user">user</option>
            <option value="system">system</option>
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">
          Resource type
          <input
            className={cn(inputClass, "mt-1")}
            list={`${id}-types`}
            value={resourceType}
            placeholder="Start typing: Observation, Condition, * …"
            onChange={(e) => setResourceType(e.target.value.trim())}
            onKeyDown={(e) => e.key === "Enter" && (e.preventDefault(), add())}
            aria-invalid={resourceType !== "" && !isKnownType ? true : undefined}
          />
          <datalist id={`${id}-types`}>
            <option value="*">all resource types</option>
            {RESOURCE_TYPES.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-4 text-sm">
        <span className="font-medium text-slate-700">Permissions</span>
        {LETTERS.map(({ letter, label }) => (
          <label key={letter} className="inline-flex items-center gap-1.5">
            <input
              type="checkbox"
              className="size-4 rounded border-slate-300"
              checked={letters.has(letter)}
              onChange={(e) => {
                const next = new Set(letters);
                if (e.target.checked) next.add(letter);
                else next.delete(letter);
                setLetters(next);
              }}
            />
            <span>
              {label} <span className="font-mono text-slate-500">({letter})</span>
            </span>
          </label>
        ))}
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="text-sm font-medium text-slate-700">
          Narrow by search parameter <span className="font-normal text-slate-500">(optional)</span>
          <input
            className={cn(inputClass, "mt-1")}
            list={`${id}-params`}
            value={param}
            placeholder="e.g. category"
            onChange={(e) => setParam(e.target.value.trim())}
          />
          <datalist id={`${id}-params`}>
            {isKnownType && resourceType !== "*"
              ? searchParamsFor(resourceType).map((p) => <option key={p} value={p} />)
              : null}
          </datalist>
        </label>
        <label className="text-sm font-medium text-slate-700">
          Value
          <input
            className={cn(inputClass, "mt-1")}
            value={value}
            placeholder="e.g. vital-signs or system|code"
            onChange={(e) => setValue(e.target.value)}
            onKeyDown={(e) => e.key === "Enter" && (e.preventDefault(), add())}
          />
        </label>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <Button variant="secondary" size="sm" onClick={add}>
        Add scope
      </Button>
    </fieldset>
  );
}
