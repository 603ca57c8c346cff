// For database tests of keyset-paged tables: walk a table the way a user clicks through it.
import { expect } from "vitest";
import type { Db } from "../database/client";
import { findKeysetPage, type KeysetSpec } from "../tables/keyset-page";
import { LAST_PAGE_CURSOR, type Page } from "../tables/query";

type Fetch<T> = (at: { page: number; cursor: string | null }) => Promise<Page<T>>;

/** Every page from the first, following Next, as the browser's links would. */
export async function walkForward<T>(fetch: Fetch<T>, limit = 1_000): Promise<Page<T>[]> {
  const pages = [await fetch({ page: 1, cursor: null })];
  while (pages.at(-1)!.hasNext) {
    const last = pages.at(-1)!;
    pages.push(await fetch({ page: last.page + 1, cursor: last.cursors!.next }));
    if (pages.length > limit) throw new Error("walkForward did not reach the end");
  }
  return pages;
}

/** Every page from the last, following Previous. */
export async function walkBackward<T>(fetch: Fetch<T>, limit = 1_000): Promise<Page<T>[]> {
  const pages = [await fetch({ page: 1, cursor: LAST_PAGE_CURSOR })];
  while (pages[0]!.hasPrev) {
    const first = pages[0]!;
    pages.unshift(await fetch({ page: first.page - 1, cursor: first.cursors!.prev }));
    if (pages.length > limit) throw new Error("walkBackward did not reach the start");
  }
  return pages;
}

export const idsOf = <T extends { id: string }>(pages: Page<T>[]) =>
  pages.flatMap((p) => p.rows.map((r) => r.id));

/**
 * Pages of a keyset spec read as for a large table: with the count's exact limit lowered, the
 * count is an estimate and each page walks the sort's index (small sets are collected and sorted).
 */
export function indexWalkPager(db: Db, spec: KeysetSpec, perPage = 10) {
  return async (at: { page: number; cursor: string | null }) => {
    const { ids, frame } = await findKeysetPage(
      db,
      { ...spec, exactCountLimit: 3 },
      { ...at, perPage },
    );
    return { ...frame, rows: ids.map((id) => ({ id })) };
  };
}

/** Walking forwards and backwards, both ways of reading pages, gives exactly `order`. */
export async function expectEveryWalk(
  order: string[],
  pages: (at: { page: number; cursor: string | null }) => Promise<Page<{ id: string }>>,
  indexWalk: (at: { page: number; cursor: string | null }) => Promise<Page<{ id: string }>>,
  label: string,
) {
  expect(order.length, label).toBeGreaterThan(0);
  expect(idsOf(await walkForward(pages)), label).toEqual(order);
  expect(idsOf(await walkBackward(pages)), label).toEqual(order);
  expect(idsOf(await walkForward(indexWalk)), `${label}, index walk`).toEqual(order);
  expect(idsOf(await walkBackward(indexWalk)), `${label}, index walk`).toEqual(order);
}
