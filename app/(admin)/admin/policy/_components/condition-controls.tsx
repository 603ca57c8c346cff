"use client";
import { cn } from "@/components/ui/cn";
import type { TriState } from "./draft";

const legendClass = "mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600";

function Errors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-sm text-red-700">
      {errors.join(" ")}
    </p>
  );
}

/** A set-valued condition: nothing checked means "any". */
export function CheckGroup<T extends string>({
  id,
  legend,
  options,
  chosen,
  onChange,
  errors,
}: {
  id: string;
  legend: string;
  options: readonly { value: T; label: string; title?: string }[];
  chosen: readonly T[];
  onChange: (next: T[]) => void;
  errors?: string[];
}) {
  const errorId = `${id}-error`;
  return (
    <fieldset aria-describedby={errors?.length ? errorId : undefined}>
      <legend className={legendClass}>{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <label
            key={o.value}
            className="inline-flex items-center gap-1.5 text-sm text-slate-800"
            title={o.title}
          >
            <input
              type="checkbox"
              className="size-4 rounded border-slate-300 text-brand-600"
              checked={chosen.includes(o.value)}
              onChange={(e) =>
                onChange(
                  e.target.checked ? [...chosen, o.value] : chosen.filter((v) => v !== o.value),
                )
              }
            />
            {o.label}
          </label>
        ))}
      </div>
      <Errors id={errorId} errors={errors} />
    </fieldset>
  );
}

/** A yes/no condition that may also be left out ("any"). */
export function TriGroup({
  id,
  legend,
  labels,
  value,
  onChange,
  errors,
}: {
  id: string;
  legend: string;
  labels: Record<TriState, string>;
  value: TriState;
  onChange: (next: TriState) => void;
  errors?: string[];
}) {
  const errorId = `${id}-error`;
  return (
    <fieldset aria-describedby={errors?.length ? errorId : undefined}>
      <legend className={legendClass}>{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {(["any", "yes", "no"] as const).map((option) => (
          <label
            key={option}
            className={cn(
              "inline-flex items-center gap-1.5 text-sm",
              value === option ? "text-slate-900" : "text-slate-700",
            )}
          >
            <input
              type="radio"
              name={id}
              className="size-4 border-slate-300 text-brand-600"
              checked={value === option}
              onChange={() => onChange(option)}
            />
            {labels[option]}
          </label>
        ))}
      </div>
      <Errors id={errorId} errors={errors} />
    </fieldset>
  );
}
