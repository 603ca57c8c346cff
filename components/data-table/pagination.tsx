"use client";
import { PAGE_SIZES } from "@/lib/tables/query";
import { Button } from "../ui/button";

export function Pagination({
  page,
  pageCount,
  perPage,
  total,
  onPage,
  onPerPage,
}: {
  page: number;
  pageCount: number;
  perPage: number;
  total: number;
  onPage: (page: number) => void;
  onPerPage: (size: number) => void;
}) {
  const from = total === 0 ? 0 : (page - 1) * perPage + 1;
  const to = Math.min(total, page * perPage);
  return (
    <nav
      aria-label="Pagination"
      className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600"
    >
      <p aria-live="polite">
        {total === 0
          ? "No results"
          : `${from.toLocaleString("en")}–${to.toLocaleString("en")} of ${total.toLocaleString("en")}`}
      </p>
      <div className="flex items-center gap-2">
        <label className="flex items-center gap-2">
          Rows per page
          <select
            className="rounded-md border-slate-300 py-1 text-sm ring-1 ring-slate-300"
            value={perPage}
            onChange={(e) => onPerPage(Number(e.target.value))}
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
          onClick={() => onPage(1)}
          disabled={page <= 1}
          aria-label="First page"
        >
          «
        </Button>
        <Button variant="secondary" size="sm" onClick={() => onPage(page - 1)} disabled={page <= 1}>
          Previous
        </Button>
        <span className="tabular-nums">
          Page {page} of {pageCount}
        </span>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => onPage(page + 1)}
          disabled={page >= pageCount}
        >
          Next
        </Button>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => onPage(pageCount)}
          disabled={page >= pageCount}
          aria-label="Last page"
        >
          »
        </Button>
      </div>
    </nav>
  );
}
