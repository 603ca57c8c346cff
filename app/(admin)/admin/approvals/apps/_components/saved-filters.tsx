"use client";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { inputClass } from "@/components/form/field";
import { useAction } from "@/components/form/use-action";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { QueueFilterLink } from "@/lib/approvals/saved-filters";
import { deleteQueueFilterAction, saveQueueFilterAction } from "../actions";

/** Presets and the admin's own saved filters as links; the current filters can be saved by name. */
export function SavedFilters({ filters }: { filters: QueueFilterLink[] }) {
  const search = useSearchParams();
  const current = new URLSearchParams(search.toString());
  current.delete("page");
  current.delete("cursor");
  const query = current.toString();
  const [name, setName] = useState("");
  const save = useAction(saveQueueFilterAction, {
    flash: true,
    onSuccess: () => setName(""),
  });
  const remove = useAction(deleteQueueFilterAction, { flash: true });
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="font-medium text-slate-700">Filters:</span>
      <ul className="flex flex-wrap gap-2" aria-label="Saved filters">
        {filters.map((f) => (
          <li
            key={f.id ?? f.name}
            className={cn(
              "inline-flex items-center gap-1 rounded-full border px-3 py-0.5",
              f.query === query ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-white",
            )}
          >
            <Link
              href={`/admin/approvals/apps${f.query ? `?${f.query}` : ""}`}
              aria-current={f.query === query ? "true" : undefined}
              className="text-slate-800 hover:underline"
            >
              {f.name}
            </Link>
            {f.id ? (
              <button
                type="button"
                className="ml-1 text-slate-500 hover:text-red-700"
                aria-label={`Delete saved filter ${f.name}`}
                disabled={remove.isPending}
                onClick={() => void remove.execute({ id: f.id! })}
              >
                ×
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {query ? (
        <form
          className="ml-auto flex items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void save.execute({ name, query });
          }}
        >
          <input
            className={cn(inputClass, "w-48 py-1")}
            aria-label="Name for these filters"
            placeholder="Name these filters"
            value={name}
            maxLength={60}
            onChange={(e) => setName(e.target.value)}
          />
          <Button
            size="sm"
            variant="secondary"
            type="submit"
            disabled={save.isPending || !name.trim()}
          >
            Save filter
          </Button>
          {save.state.status === "error" ? (
            <span role="alert" className="text-xs text-red-700">
              {save.state.message}
            </span>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
