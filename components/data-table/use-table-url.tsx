"use client";
import { useQueryStates, type ParserMap } from "nuqs";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { createContext, useContext, useEffect, useRef, useTransition, type ReactNode } from "react";
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
  /** Runs `update` after a pause in typing (search, free-text filters), replacing any waiting one. */
  afterTyping: (update: () => void) => void;
};

const TYPING_PAUSE_MS = 300;
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
  const typing = useRef<ReturnType<typeof setTimeout> | null>(null);
  // A link clicked within the typing pause used to lose to the search's own URL update, which
  // fired after it and took the page back to the list: the click now cancels that update.
  const afterTyping = (update: () => void) => {
    if (typing.current) clearTimeout(typing.current);
    typing.current = setTimeout(() => {
      typing.current = null;
      update();
    }, TYPING_PAUSE_MS);
  };
  useEffect(() => {
    const cancelTyping = (event: MouseEvent) => {
      const target = event.target as Element | null;
      if (typing.current && target?.closest?.("a[href]")) {
        clearTimeout(typing.current);
        typing.current = null;
      }
    };
    document.addEventListener("click", cancelTyping, true);
    return () => {
      document.removeEventListener("click", cancelTyping, true);
      if (typing.current) clearTimeout(typing.current);
    };
  }, []);
  return (
    <NuqsAdapter>
      <TableUrlContext.Provider value={{ contract, isPending, startTransition, afterTyping }}>
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
  const afterTyping = (values: Record<string, unknown>) =>
    scope.afterTyping(() => void setParams(values, { history: "replace" }));
  return {
    params: params as TableParams,
    isPending: scope.isPending,
    sortable: scope.contract.sortable,
    goTo: ({ page, cursor }: TableNavigation) =>
      void setParams({ page: page <= 1 ? null : page, cursor }),
    setPerPage: (perPage: number) => void setParams({ perPage, ...fresh }),
    setSort: (sort: Sort<string>) => void setParams({ sort, ...fresh }),
    setSearch: (q: string) => afterTyping({ q: q.trim() || null, ...fresh }),
    /** Sets some filters ("" or null clears one); `isTyping` for free-text filters. */
    setFilters: (values: Record<string, string | null>, options?: { isTyping?: boolean }) => {
      const next = {
        ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v || null])),
        ...fresh,
      };
      if (options?.isTyping) afterTyping(next);
      else void setParams(next);
    },
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
