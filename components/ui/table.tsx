import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "./cn";

/** A column the server sorts: its header links to the other order (no script needed). */
export type SortableHead = {
  label: string;
  sort: "ascending" | "descending" | "none";
  href: string;
};
const isSortable = (h: ReactNode | SortableHead): h is SortableHead =>
  typeof h === "object" && h !== null && "href" in h;

/** A plain, accessible table for short lists (long ones use components/data-table). */
export function SimpleTable({
  caption,
  head,
  children,
  className,
}: {
  caption: string;
  head: (ReactNode | SortableHead)[];
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("overflow-x-auto", className)}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            {head.map((h, i) => (
              <th
                key={i}
                scope="col"
                aria-sort={isSortable(h) ? h.sort : undefined}
                className="px-4 py-2.5 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase"
              >
                {isSortable(h) ? (
                  <Link
                    href={h.href}
                    scroll={false}
                    className="inline-flex items-center gap-1 hover:text-slate-900"
                  >
                    {h.label}
                    <span aria-hidden className="text-slate-400">
                      {h.sort === "ascending" ? "▲" : h.sort === "descending" ? "▼" : "↕"}
                    </span>
                  </Link>
                ) : (
                  h
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">{children}</tbody>
      </table>
    </div>
  );
}

export function Td({ children, className }: { children: ReactNode; className?: string }) {
  return <td className={cn("px-4 py-2.5 align-top text-slate-700", className)}>{children}</td>;
}
