"use client";
import { useId, useState } from "react";
import { useTableUrl } from "@/components/data-table/use-table-url";
import { inputClass } from "@/components/form/field";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

const labelClass = "flex flex-col gap-1 text-sm font-medium text-slate-700";

/** Exact actions, grouped by their prefix, each group also selectable as a whole ("auth.*"). */
export function ActionFilter({ actions }: { actions: string[] }) {
  const url = useTableUrl();
  const current = url.params.action;
  const filter = { value: typeof current === "string" ? current : "" };
  const groups = new Map<string, string[]>();
  for (const action of actions) {
    const prefix = action.split(".")[0]!;
    groups.set(prefix, [...(groups.get(prefix) ?? []), action]);
  }
  const known =
    filter.value === "" ||
    actions.includes(filter.value) ||
    groups.has(filter.value.replace(/\.\*$/, ""));
  const id = useId();
  return (
    <div className={labelClass}>
      <label htmlFor={id}>Action</label>
      <select
        id={id}
        className={cn(inputClass, "w-auto pr-8")}
        value={filter.value}
        onChange={(e) => url.setFilters({ action: e.target.value })}
      >
        <option value="">All</option>
        {known ? null : <option value={filter.value}>{filter.value}</option>}
        {[...groups].map(([prefix, list]) => (
          <optgroup key={prefix} label={prefix}>
            <option value={`${prefix}.*`}>{`${prefix}.* (all ${list.length})`}</option>
            {list.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** A free-text filter kept in the URL, applied a moment after typing stops. */
export function TextFilter({
  name,
  label,
  placeholder,
}: {
  name: string;
  label: string;
  placeholder?: string;
}) {
  const url = useTableUrl();
  const current = url.params[name];
  const [value, setValue] = useState(typeof current === "string" ? current : "");
  const id = useId();
  return (
    <div className={labelClass}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        className={cn(inputClass, "w-48")}
        placeholder={placeholder}
        value={value}
        maxLength={100}
        onChange={(e) => {
          setValue(e.target.value);
          url.setFilters({ [name]: e.target.value.trim() }, { isTyping: true });
        }}
      />
    </div>
  );
}

/** Clears every filter; the caller remounts the text inputs (onCleared) so they show the cleared URL. */
export function ClearFilters({ onCleared }: { onCleared: () => void }) {
  const url = useTableUrl();
  return (
    <Button
      variant="ghost"
      className="self-end"
      disabled={url.isPending}
      onClick={() => {
        url.clearFilters();
        onCleared();
      }}
    >
      Clear filters
    </Button>
  );
}
