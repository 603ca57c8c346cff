"use client";
import { useId, useState } from "react";
import { formatCount } from "@/lib/format";
import { LAST_PAGE_CURSOR, PAGE_SIZES, type Page } from "@/lib/tables/query";
import { inputClass } from "../form/field";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { useTableUrl, type TableNavigation } from "./use-table-url";

/** Where each control leads: by cursor on keyset tables, by page number on the others. */
function targets(page: Page<unknown>) {
  const first: TableNavigation = { page: 1, cursor: null };
  const { cursors } = page;
  if (!cursors)
    return {
      first,
      prev: { page: page.page - 1, cursor: null },
      next: { page: page.page + 1, cursor: null },
      last: { page: page.pageCount, cursor: null },
    };
  return {
    first,
    // Page numbers of a large list are estimates: the cursor, not the number, finds the start.
    prev: { page: page.page - 1, cursor: cursors.prev },
    next: { page: page.page + 1, cursor: cursors.next },
    last: { page: page.pageCount, cursor: LAST_PAGE_CURSOR },
  };
}

export function Pagination({ page }: { page: Page<unknown> }) {
  const url = useTableUrl();
  const to = targets(page);
  const from = page.rows.length === 0 ? 0 : (page.page - 1) * page.perPage + 1;
  const total = formatCount(page.total, page.isTotalEstimated);
  return (
    <nav
      aria-label="Pagination"
      className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600"
    >
      <p aria-live="polite">
        {page.total === 0
          ? "No results"
          : `${formatCount(from)}–${formatCount(from + page.rows.length - 1)} of ${total}`}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-2">
          Rows per page
          <select
            className="rounded-md border-slate-300 py-1 text-sm ring-1 ring-slate-300"
            value={page.perPage}
            onChange={(e) => url.setPerPage(Number(e.target.value))}
          >
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => url.goTo(to.first)}
          disabled={!page.hasPrev}
          aria-label="First page"
        >
          «
        </Button>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => url.goTo(to.prev)}
          disabled={!page.hasPrev}
        >
          Previous
        </Button>
        <span className="tabular-nums">
          Page {formatCount(page.page)} of {formatCount(page.pageCount, page.isTotalEstimated)}
        </span>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => url.goTo(to.next)}
          disabled={!page.hasNext}
        >
          Next
        </Button>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => url.goTo(to.last)}
          disabled={!page.hasNext}
          aria-label="Last page"
        >
          »
        </Button>
        {page.pageCount > 1 ? (
          <PageJump
            pageCount={page.pageCount}
            onJump={(n) => url.goTo({ page: n, cursor: null })}
          />
        ) : null}
      </div>
    </nav>
  );
}

function PageJump({ pageCount, onJump }: { pageCount: number; onJump: (page: number) => void }) {
  const id = useId();
  const [value, setValue] = useState("");
  return (
    <form
      className="flex items-center gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        const n = Number(value);
        if (Number.isInteger(n) && n >= 1) onJump(Math.min(n, pageCount));
        setValue("");
      }}
    >
      <label htmlFor={id} className="sr-only">
        Go to page
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        max={pageCount}
        placeholder="Page"
        className={cn(inputClass, "w-20 py-1")}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <Button type="submit" variant="secondary" size="sm" disabled={value === ""}>
        Go
      </Button>
    </form>
  );
}
