// The URL contract of a server-paginated table, written once and read on both sides: the page's
// loader parses searchParams with it on the server, and the table's hook (useQueryStates) reads
// and writes the same keys with the same parsers in the browser. Sortable columns and filter
// values are allow-lists; anything malformed parses to the default (or to "no filter").
import { isUuid } from "../validation";
import {
  createLoader,
  createParser,
  parseAsNumberLiteral,
  type inferParserType,
  type ParserMap,
} from "nuqs/server";
import { PAGE_SIZES, type Sort } from "./query";

const MAX_PAGE = 1_000_000;
const MAX_SEARCH = 100;
const MAX_CURSOR = 2_000;

const parseAsPage = createParser({
  parse: (value) => {
    const n = /^\d{1,7}$/.test(value) ? Number(value) : NaN;
    return n >= 1 && n <= MAX_PAGE ? n : null;
  },
  serialize: String,
});

/**
 * Free text, trimmed; over-long input is ignored rather than cut into a different search, and so
 * is a NUL character (PostgreSQL text cannot hold one).
 */
const parseAsSearch = createParser({
  parse: (value) => {
    const trimmed = value.trim();
    return trimmed.length <= MAX_SEARCH && !trimmed.includes("\0") ? trimmed : null;
  },
  serialize: (value) => value,
});

/** Opaque to the browser; the server decodes and validates it (lib/tables/keyset). */
const parseAsCursor = createParser({
  parse: (value) => (value.length > 0 && value.length <= MAX_CURSOR ? value : null),
  serialize: (value) => value,
});

/** `?sort=risk.desc`: a column from the allow-list and a direction. */
export function parseAsSort<C extends string>(sortable: readonly C[]) {
  return createParser<Sort<C>>({
    parse: (value) => {
      const [id, direction, ...rest] = value.split(".");
      if (rest.length || !(sortable as readonly string[]).includes(id ?? "")) return null;
      if (direction !== "asc" && direction !== "desc") return null;
      return { id: id as C, desc: direction === "desc" };
    },
    serialize: (sort) => `${sort.id}.${sort.desc ? "desc" : "asc"}`,
    eq: (a, b) => a.id === b.id && a.desc === b.desc,
  });
}

/** A filter whose value is a UUID (a partner, an app); anything else is no filter. */
export const parseAsUuid = createParser({
  parse: (value) => (isUuid(value) ? value.toLowerCase() : null),
  serialize: (value) => value,
});

export function defineTableUrl<
  C extends string,
  F extends ParserMap = Record<never, never>,
>(definition: {
  sortable: readonly C[];
  defaultSort: Sort<C>;
  /** Extra URL keys; each resets the page when it changes. */
  filters?: F;
}) {
  const parsers = {
    page: parseAsPage.withDefault(1),
    perPage: parseAsNumberLiteral(PAGE_SIZES).withDefault(25),
    sort: parseAsSort(definition.sortable).withDefault(definition.defaultSort),
    q: parseAsSearch.withDefault(""),
    cursor: parseAsCursor,
    ...(definition.filters ?? ({} as F)),
  };
  return {
    parsers,
    sortable: definition.sortable,
    filterKeys: Object.keys(definition.filters ?? {}) as (keyof F & string)[],
    /** Server side: `await table.load(searchParams)` in the page. */
    load: createLoader(parsers),
  };
}

export type TableUrl = ReturnType<typeof defineTableUrl<string, ParserMap>>;
export type TableUrlState<T extends { parsers: ParserMap }> = inferParserType<T["parsers"]>;
