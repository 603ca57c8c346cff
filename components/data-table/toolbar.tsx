"use client";
import { useId, useState } from "react";
import { inputClass } from "../form/field";
import { cn } from "../ui/cn";
import { useTableUrl } from "./use-table-url";

const labelClass = "flex flex-col gap-1 text-sm font-medium text-slate-700";

export function TableSearch({ label, placeholder }: { label: string; placeholder?: string }) {
  const url = useTableUrl();
  const [value, setValue] = useState(url.params.q);
  return (
    <label className={cn(labelClass, "min-w-64 flex-1")}>
      {label}
      <input
        type="search"
        className={cn(inputClass, "max-w-md")}
        placeholder={placeholder}
        value={value}
        maxLength={100}
        onChange={(e) => {
          setValue(e.target.value);
          url.setSearch(e.target.value);
        }}
      />
    </label>
  );
}

/** One of the contract's filters as a select; "All" clears it. */
export function TableFilter({
  name,
  label,
  options,
  allLabel = "All",
}: {
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  allLabel?: string | null;
}) {
  const url = useTableUrl();
  const value = url.params[name];
  return (
    <label className={labelClass}>
      {label}
      <select
        className={cn(inputClass, "w-auto pr-8")}
        value={typeof value === "string" ? value : ""}
        onChange={(e) => url.setFilters({ [name]: e.target.value })}
      >
        {allLabel === null ? null : <option value="">{allLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The sort as a select, for lists without column headers (cards). */
export function TableSort({
  options,
}: {
  options: readonly { id: string; desc: boolean; label: string }[];
}) {
  const url = useTableUrl();
  const id = useId();
  const current = `${url.params.sort.id}.${url.params.sort.desc ? "desc" : "asc"}`;
  return (
    <div className={labelClass}>
      <label htmlFor={id}>Sort by</label>
      <select
        id={id}
        className={cn(inputClass, "w-auto pr-8")}
        value={current}
        onChange={(e) => {
          const option = options.find(
            (o) => `${o.id}.${o.desc ? "desc" : "asc"}` === e.target.value,
          );
          if (option) url.setSort({ id: option.id, desc: option.desc });
        }}
      >
        {options.map((o) => (
          <option key={`${o.id}.${o.desc}`} value={`${o.id}.${o.desc ? "desc" : "asc"}`}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
