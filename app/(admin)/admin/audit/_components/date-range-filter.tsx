"use client";
import { useId, useState } from "react";
import { useTableUrl } from "@/components/data-table/use-table-url";
import { inputClass } from "@/components/form/field";
import { cn } from "@/components/ui/cn";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** From and to days (UTC, both included). A range that ends before it starts is not applied. */
export function DateRangeFilter() {
  const id = useId();
  const url = useTableUrl();
  const day = (value: unknown) => (typeof value === "string" && DAY.test(value) ? value : "");
  const [from, setFrom] = useState(day(url.params.from));
  const [to, setTo] = useState(day(url.params.to));
  const [error, setError] = useState<string | null>(null);

  function apply(nextFrom: string, nextTo: string) {
    setFrom(nextFrom);
    setTo(nextTo);
    // A date input reports "" while a typed date is incomplete: wait for a whole one.
    if (nextFrom && nextTo && nextFrom > nextTo) {
      setError("The start date is after the end date.");
      return;
    }
    setError(null);
    url.setFilters({ from: nextFrom, to: nextTo });
  }

  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 text-sm font-medium text-slate-700">Date range (UTC)</legend>
      <div className="flex items-center gap-2">
        <label htmlFor={`${id}-from`} className="sr-only">
          From
        </label>
        <input
          id={`${id}-from`}
          type="date"
          className={cn(inputClass, "w-40")}
          value={from}
          max={to || undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => apply(e.target.value, to)}
        />
        <span aria-hidden className="text-slate-500">
          –
        </span>
        <label htmlFor={`${id}-to`} className="sr-only">
          To
        </label>
        <input
          id={`${id}-to`}
          type="date"
          className={cn(inputClass, "w-40")}
          value={to}
          min={from || undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => apply(from, e.target.value)}
        />
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
