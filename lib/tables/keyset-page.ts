// One page of a keyset-paged table: which rows (their ids, in order), the count, and the cursors
// to the neighbouring pages. Next and previous follow cursors; the last page reads the order
// backwards; a page number typed in jumps there by offset.
import type { Db } from "../database/client";
import type { Prisma } from "../generated/prisma/client";
import { countRows } from "./count";
import {
  decodeCursor,
  encodeCursor,
  fetchWindow,
  type KeyedRow,
  type KeysetWindowSpec,
  type Window,
} from "./keyset";
import { LAST_PAGE_CURSOR, pageCountOf, type Page } from "./query";

/** A table's rows for one query: its window spec, and the sort's name (cursors carry it). */
export type KeysetSpec = KeysetWindowSpec & {
  sortId: string;
  /** What the count reads, when the sort joins tables the filters do not need. */
  countFrom?: Prisma.Sql;
  /** Up to how many rows the count is exact (EXACT_COUNT_LIMIT; tests lower it). */
  exactCountLimit?: number;
};
export type PageFrame = Omit<Page<never>, "rows">;

type Read = {
  rows: KeyedRow[];
  hasPrev: boolean;
  hasNext: boolean;
  at: "first" | "last" | "middle";
};

export async function findKeysetPage(
  db: Db,
  spec: KeysetSpec,
  query: { page: number; perPage: number; cursor: string | null },
): Promise<{ ids: string[]; frame: PageFrame }> {
  const { perPage } = query;
  // Counted first: how many rows match decides how the page is read (see windowSql).
  const count = await countRows(db, spec.countFrom ?? spec.from, spec.where, spec.exactCountLimit);
  const pageCount = pageCountOf(count.total, perPage);
  const fetch = (window: Window, take = perPage) =>
    fetchWindow(db, spec, window, take, { isFew: !count.isEstimated });

  const readFirst = async (): Promise<Read> => {
    const { rows, hasMore } = await fetch({ kind: "first" });
    return { rows, hasPrev: false, hasNext: hasMore, at: "first" };
  };
  const readLast = async (): Promise<Read> => {
    // With an exact count the last page holds the remainder, so pages line up with page numbers.
    const take = count.isEstimated ? perPage : count.total - (pageCount - 1) * perPage || perPage;
    const { rows, hasMore } = await fetch({ kind: "last" }, take);
    return { rows, hasPrev: hasMore, hasNext: false, at: "last" };
  };
  /** A page next to a cursor (or at an offset); null when nothing is there any more. */
  const readMiddle = async (window: Window): Promise<Read | null> => {
    const { rows, hasMore } = await fetch(window);
    if (rows.length === 0) return null;
    // Back at the start: the first page, even if short, so no row shows on two pages.
    if (window.kind === "before" && !hasMore)
      return { rows, hasPrev: false, hasNext: true, at: "first" };
    if (window.kind === "before") return { rows, hasPrev: true, hasNext: true, at: "middle" };
    return { rows, hasPrev: true, hasNext: hasMore, at: "middle" };
  };

  const cursor =
    query.cursor && query.cursor !== LAST_PAGE_CURSOR
      ? decodeCursor(query.cursor, spec.sortId, spec.order.keys)
      : null;
  let read: Read;
  if (cursor) {
    read =
      (await readMiddle(cursor)) ??
      (cursor.kind === "after" ? await readLast() : await readFirst());
  } else if (query.cursor === LAST_PAGE_CURSOR) {
    read = await readLast();
  } else if (query.page > 1) {
    // Past the end, or everything there is gone: the last page.
    const isBeyond = !count.isEstimated && query.page > pageCount;
    const offset = (query.page - 1) * perPage;
    read = (isBeyond ? null : await readMiddle({ kind: "offset", offset })) ?? (await readLast());
  } else {
    read = await readFirst();
  }

  const pageNumber =
    read.at === "first" || !read.hasPrev
      ? 1
      : read.at === "last"
        ? pageCount
        : Math.min(Math.max(2, query.page), count.isEstimated ? Infinity : pageCount);
  const firstRow = read.rows[0];
  const lastRow = read.rows[read.rows.length - 1];
  return {
    ids: read.rows.map((r) => r.id),
    frame: {
      total: count.total,
      isTotalEstimated: count.isEstimated,
      page: pageNumber,
      perPage,
      pageCount,
      hasPrev: read.hasPrev,
      hasNext: read.hasNext,
      cursors: {
        prev: read.hasPrev && firstRow ? encodeCursor(spec.sortId, "before", firstRow.key) : null,
        next: read.hasNext && lastRow ? encodeCursor(spec.sortId, "after", lastRow.key) : null,
      },
    },
  };
}

/** The page's rows in the order of `ids` (the second read fetches by id, in no order). */
export function inOrder<T extends { id: string }>(ids: string[], rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [row] : [];
  });
}
