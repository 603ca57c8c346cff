"use client";
import { debounce, parseAsInteger, parseAsString, useQueryStates } from "nuqs";
import { useTransition } from "react";

/**
 * The table's page, size, sort and search live in the URL; changing them re-renders the server
 * page (shallow: false). Changing anything but the page goes back to page 1.
 */
export function useTableUrl() {
  const [isPending, startTransition] = useTransition();
  const [params, setParams] = useQueryStates(
    {
      page: parseAsInteger.withDefault(1),
      perPage: parseAsInteger.withDefault(25),
      sort: parseAsString,
      q: parseAsString.withDefault(""),
    },
    { shallow: false, startTransition },
  );
  return {
    params,
    isPending,
    setPage: (page: number) => void setParams({ page: page <= 1 ? null : page }),
    setPerPage: (perPage: number) => void setParams({ perPage, page: null }),
    setSort: (id: string, desc: boolean) =>
      void setParams({ sort: `${id}.${desc ? "desc" : "asc"}`, page: null }),
    setSearch: (q: string) =>
      void setParams(
        { q: q || null, page: null },
        { limitUrlUpdates: debounce(300), history: "replace" },
      ),
  };
}

/** An extra filter kept in the URL; setting it resets the page. */
export function useFilterUrl(name: string) {
  const [isPending, startTransition] = useTransition();
  const [values, setValues] = useQueryStates(
    { [name]: parseAsString, page: parseAsInteger },
    { shallow: false, startTransition },
  );
  return {
    value: (values[name] as string | null) ?? "",
    isPending,
    setValue: (value: string) => void setValues({ [name]: value || null, page: null }),
  };
}
