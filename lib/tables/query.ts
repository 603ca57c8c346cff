// URL state of a server-paginated table, parsed at the boundary. Sortable columns are an
// allow-list; anything malformed in the URL falls back to the default instead of failing.
import { z } from "zod";

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export type Sort<C extends string> = { id: C; desc: boolean };
export type TableQuery<C extends string> = {
  page: number;
  perPage: number;
  sort: Sort<C>;
  q: string;
};
export type Page<T> = {
  rows: T[];
  total: number;
  pageCount: number;
  page: number;
  perPage: number;
};

type RawParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function parseTableQuery<C extends string>(
  raw: RawParams,
  options: { sortable: readonly C[]; defaultSort: Sort<C> },
): TableQuery<C> {
  const page = z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .catch(1)
    .parse(first(raw.page) ?? 1);
  const perPage = z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(25)
    .parse(first(raw.perPage) ?? 25);
  const [id, direction] = (first(raw.sort) ?? "").split(".");
  const sort =
    (options.sortable as readonly string[]).includes(id ?? "") &&
    (direction === "asc" || direction === "desc")
      ? { id: id as C, desc: direction === "desc" }
      : options.defaultSort;
  const q = z
    .string()
    .trim()
    .max(100)
    .catch("")
    .parse(first(raw.q) ?? "");
  return { page, perPage, sort, q };
}

/** One enum-valued filter from the URL; unknown values are ignored. */
export function parseEnumFilter<V extends string>(
  raw: RawParams,
  name: string,
  values: readonly V[],
): V | undefined {
  const value = first(raw[name]);
  return value && (values as readonly string[]).includes(value) ? (value as V) : undefined;
}

export function pageOf<T>(
  rows: T[],
  total: number,
  query: { page: number; perPage: number },
): Page<T> {
  return {
    rows,
    total,
    pageCount: Math.max(1, Math.ceil(total / query.perPage)),
    page: query.page,
    perPage: query.perPage,
  };
}

export const skipOf = (query: { page: number; perPage: number }) =>
  (query.page - 1) * query.perPage;
