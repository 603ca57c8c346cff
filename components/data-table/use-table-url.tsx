"use client";
import { debounce, useQueryStates, type ParserMap } from "nuqs";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { createContext, useContext, useTransition, type ReactNode } from "react";
import type { Sort } from "@/lib/tables/query";

/** What the browser needs of a table's URL contract (lib/tables/url: defineTableUrl). */
export type TableUrlContract = {
  parsers: ParserMap;
  sortable: readonly string[];
  filterKeys: readonly string[];
};
export type TableNavigation = { page: number; cursor: string | null };

type Scope = {
  contract: TableUrlContract;
  isPending: boolean;
  startTransition: (callback: () => void) => void;
};
const TableUrlContext = createContext<Scope | null>(null);

/**
 * One table's URL state for everything inside (the table, its toolbar, its pagination): they
 * share the contract and one pending state while the server renders the next page. The URL
 * adapter suspends, so it wraps the table rather than the app: pages can still answer 403/404
 * with a real status before anything streams.
 */
export function TableUrlScope({
  contract,
  children,
}: {
  contract: TableUrlContract;
  children: ReactNode;
}) {
  const [isPending, startTransition] = useTransition();
  return (
    <NuqsAdapter>
      <TableUrlContext.Provider value={{ contract, isPending, startTransition }}>
        {children}
      </TableUrlContext.Provider>
    </NuqsAdapter>
  );
}

type TableParams = {
  page: number;
  perPage: number;
  sort: Sort<string>;
  q: string;
  cursor: string | null;
} & Record<string, unknown>;

/**
 * Reads and writes the table's URL with the same parsers the server page loads it with; a
 * change re-renders the server page (shallow: false). Anything but paging goes back to page 1.
 */
export function useTableUrl() {
  const scope = useContext(TableUrlContext);
  if (!scope) throw new Error("useTableUrl is used inside a DataTable or a TableUrlScope.");
  const [params, setParams] = useQueryStates(scope.contract.parsers, {
    shallow: false,
    startTransition: scope.startTransition,
  });
  const fresh = { page: null, cursor: null };
  // Typing waits for a pause and replaces the history entry instead of adding one per key.
  const typing = { limitUrlUpdates: debounce(300), history: "replace" } as const;
  return {
    params: params as TableParams,
    isPending: scope.isPending,
    sortable: scope.contract.sortable,
    goTo: ({ page, cursor }: TableNavigation) =>
      void setParams({ page: page <= 1 ? null : page, cursor }),
    setPerPage: (perPage: number) => void setParams({ perPage, ...fresh }),
    setSort: (sort: Sort<string>) => void setParams({ sort, ...fresh }),
    setSearch: (q: string) => void setParams({ q: q.trim() || null, ...fresh }, typing),
    /** Sets some filters ("" or null clears one); `isTyping` for free-text filters. */
    setFilters: (values: Record<string, string | null>, options?: { isTyping?: boolean }) =>
      void setParams(
        {
          ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v || null])),
          ...fresh,
        },
        options?.isTyping ? typing : undefined,
      ),
    /** Clears the search and every filter. */
    clearFilters: () =>
      void setParams({
        q: null,
        ...Object.fromEntries(scope.contract.filterKeys.map((k) => [k, null])),
        ...fresh,
      }),
  };
}
export type TableUrl = ReturnType<typeof useTableUrl>;
