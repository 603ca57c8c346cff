"use client";
import { useState } from "react";
import { inputClass } from "../form/field";
import { cn } from "../ui/cn";
import { useFilterUrl, useTableUrl } from "./use-table-url";

export function TableSearch({ label, placeholder }: { label: string; placeholder?: string }) {
  const url = useTableUrl();
  const [value, setValue] = useState(url.params.q);
  return (
    <label className="flex min-w-64 flex-1 flex-col gap-1 text-sm font-medium text-slate-700">
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

export function TableFilter({
  name,
  label,
  options,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
}) {
  const filter = useFilterUrl(name);
  return (
    <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
      {label}
      <select
        className={cn(inputClass, "w-auto pr-8")}
        value={filter.value}
        onChange={(e) => filter.setValue(e.target.value)}
      >
        <option value="">All</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
