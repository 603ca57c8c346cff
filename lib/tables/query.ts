// What a server-paginated table asks for and what it gets back. The URL side of it (which values
// are allowed, and their defaults) is each table's contract, built with defineTableUrl (./url).

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export type Sort<C extends string> = { id: C; desc: boolean };
export type TableQuery<C extends string> = {
  page: number;
  perPage: number;
  sort: Sort<C>;
  q: string;
};
/** `?cursor=last`: the end of a keyset-paged list, whatever its length. */
export const LAST_PAGE_CURSOR = "last";
/** A table paged by keyset: `cursor` names the row a page starts after or ends before. */
export type KeysetQuery<C extends string> = TableQuery<C> & { cursor: string | null };

export type Page<T> = {
  rows: T[];
  /** Exact, or the planner's estimate when `isTotalEstimated` (large filtered sets). */
  total: number;
  isTotalEstimated: boolean;
  page: number;
  perPage: number;
  pageCount: number;
  hasPrev: boolean;
  hasNext: boolean;
  /** Keyset tables: where the previous and next pages start. Offset tables page by number only. */
  cursors: { prev: string | null; next: string | null } | null;
};

export const pageCountOf = (total: number, perPage: number) =>
  Math.max(1, Math.ceil(total / perPage));

/** A page of an offset-paged table (short lists: the partner's apps, audit, deliveries, keys). */
export function pageOf<T>(
  rows: T[],
  total: number,
  query: { page: number; perPage: number },
): Page<T> {
  const pageCount = pageCountOf(total, query.perPage);
  return {
    rows,
    total,
    isTotalEstimated: false,
    page: query.page,
    perPage: query.perPage,
    pageCount,
    hasPrev: query.page > 1,
    hasNext: query.page < pageCount,
    cursors: null,
  };
}

export const skipOf = (query: { page: number; perPage: number }) =>
  (query.page - 1) * query.perPage;
