// Keyset ("seek") pagination: a page starts after, or ends before, the sort key of a row, so
// reaching page 20,000 costs what page 1 costs, and rows added or removed elsewhere never shift a
// page boundary (no row is skipped or shown twice). Each sort is a tuple of NOT NULL keys ending
// in a unique column, all in one direction, so `(k1, k2, id) > (…)` is one range of a matching index.
import { z } from "zod";
import type { Db } from "../database/client";
import { Prisma } from "../generated/prisma/client";

type KeyType =
  "timestamptz" | "age" | "uuid" | "text" | { enumType: string; values: readonly string[] };
export type KeyPart = { column: string; type: KeyType };
export type KeysetOrder = {
  keys: readonly KeyPart[];
  desc: boolean;
  /**
   * The first `leading` keys come from a joined table (an app's name): repeating their bound on
   * its own lets that table's index start at the cursor instead of filtering from the top.
   */
  leading?: number;
};

// Ordering by the age of a timestamp (a fixed instant minus it) sorts newest-first when
// ascending, so "high risk first, then longest waiting" is one direction and one index.
const AGE_ORIGIN = "timestamptz '2000-01-01 00:00:00+00'";

export const key = {
  timestamp: (column: string): KeyPart => ({ column, type: "timestamptz" }),
  age: (column: string): KeyPart => ({ column, type: "age" }),
  uuid: (column: string): KeyPart => ({ column, type: "uuid" }),
  text: (column: string): KeyPart => ({ column, type: "text" }),
  enumOf: (column: string, enumType: string, values: readonly string[]): KeyPart => ({
    column,
    type: { enumType, values },
  }),
};

/** The SQL a key is ordered by, for the row's column or for a value from a cursor. */
function orderExpr(part: KeyPart, value?: string): Prisma.Sql {
  const { type } = part;
  const col = Prisma.raw(part.column);
  if (type === "age") {
    const at = value === undefined ? col : Prisma.sql`${value}::timestamptz`;
    return Prisma.sql`(${Prisma.raw(AGE_ORIGIN)} - ${at})`;
  }
  if (value === undefined) return col;
  const cast = typeof type === "string" ? type : `"${type.enumType}"`;
  return Prisma.sql`${value}::${Prisma.raw(cast)}`;
}

const uuidValue = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const instant = z.iso.datetime({ offset: true });
function valueSchema(type: KeyType): z.ZodType<string> {
  if (type === "uuid") return uuidValue;
  if (type === "timestamptz" || type === "age") return instant;
  // PostgreSQL text holds no NUL: refused here rather than failing the query.
  if (type === "text")
    return z
      .string()
      .max(1_000)
      .regex(/^[^\0]*$/);
  return z.enum(type.values as [string, ...string[]]);
}

export type Window =
  | { kind: "first" }
  | { kind: "after" | "before"; values: readonly string[] }
  | { kind: "last" }
  | { kind: "offset"; offset: number };

/** `?cursor=` values: base64url JSON [sort id, "a" (after) | "b" (before), ...key values]. */
export function encodeCursor(sortId: string, kind: "after" | "before", values: readonly string[]) {
  const json = JSON.stringify([sortId, kind === "after" ? "a" : "b", ...values]);
  return Buffer.from(json, "utf8").toString("base64url");
}

/** The window a cursor names, or null when it is malformed or was made for another sort. */
export function decodeCursor(
  token: string,
  sortId: string,
  keys: readonly KeyPart[],
): Extract<Window, { values: readonly string[] }> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const schema = z.tuple([
    z.literal(sortId),
    z.enum(["a", "b"]),
    ...keys.map((k) => valueSchema(k.type)),
  ] as unknown as [z.ZodLiteral<string>, z.ZodEnum<{ a: "a"; b: "b" }>]);
  const result = schema.safeParse(parsed);
  if (!result.success) return null;
  const [, kind, ...values] = result.data as unknown as string[];
  return { kind: kind === "a" ? "after" : "before", values };
}

export type KeyedRow = { id: string; key: string[] };

export type KeysetWindowSpec = {
  /** The unique column that identifies a row, e.g. `s."id"`. */
  id: string;
  from: Prisma.Sql;
  where: Prisma.Sql;
  order: KeysetOrder;
};

/**
 * The query for one window (take + 1 rows, to know whether more lie beyond). It walks the sort's
 * index and stops after a page; but when the filters match few rows (`isFew`), it collects them
 * and sorts them instead, since walking the index for rows that sit in one corner of it (one
 * partner's requests, all of one risk) could read most of the index to fill a page.
 */
export function windowSql(
  spec: KeysetWindowSpec,
  window: Window,
  take: number,
  options: { isFew?: boolean } = {},
): Prisma.Sql {
  const { keys, leading = 0 } = spec.order;
  const isReversed = window.kind === "before" || window.kind === "last";
  const isDesc = spec.order.desc !== isReversed;
  const dir = Prisma.raw(isDesc ? "DESC" : "ASC");
  const conditions = [spec.where];
  if (window.kind === "after" || window.kind === "before") {
    const row = (parts: readonly KeyPart[], values?: readonly string[]) =>
      Prisma.join(parts.map((p, i) => orderExpr(p, values?.[i])));
    const op = Prisma.raw(isDesc ? "<" : ">");
    conditions.push(Prisma.sql`(${row(keys)}) ${op} (${row(keys, window.values)})`);
    if (leading > 0) {
      const lead = keys.slice(0, leading);
      const bound = Prisma.raw(isDesc ? "<=" : ">=");
      conditions.push(Prisma.sql`(${row(lead)}) ${bound} (${row(lead, window.values)})`);
    }
  }
  const alias = (prefix: string, i: number) => Prisma.raw(`"${prefix}${i}"`);
  const columns = keys.map((k, i) => Prisma.sql`${Prisma.raw(k.column)} AS ${alias("k", i)}`);
  const limit = Prisma.sql`LIMIT ${take + 1} OFFSET ${window.kind === "offset" ? window.offset : 0}`;
  const where = Prisma.join(conditions, " AND ");
  if (options.isFew) {
    const orderColumns = keys.map((k, i) => Prisma.sql`${orderExpr(k)} AS ${alias("o", i)}`);
    return Prisma.sql`
      WITH matching AS MATERIALIZED (
        SELECT ${Prisma.raw(spec.id)} AS "id", ${Prisma.join([...columns, ...orderColumns])}
        FROM ${spec.from} WHERE ${where})
      SELECT "id", ${Prisma.join(keys.map((_, i) => alias("k", i)))} FROM matching
      ORDER BY ${Prisma.join(keys.map((_, i) => Prisma.sql`${alias("o", i)} ${dir}`))}
      ${limit}`;
  }
  return Prisma.sql`
    SELECT ${Prisma.raw(spec.id)} AS "id", ${Prisma.join(columns)}
    FROM ${spec.from}
    WHERE ${where}
    ORDER BY ${Prisma.join(keys.map((k) => Prisma.sql`${orderExpr(k)} ${dir}`))}
    ${limit}`;
}

/** One window of rows in display order, and whether more rows lie beyond it. */
export async function fetchWindow(
  db: Db,
  spec: KeysetWindowSpec,
  window: Window,
  take: number,
  options: { isFew?: boolean } = {},
): Promise<{ rows: KeyedRow[]; hasMore: boolean }> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>(
    windowSql(spec, window, take, options),
  );
  const hasMore = rows.length > take;
  const page = rows.slice(0, take).map((r) => ({
    id: String(r.id),
    key: spec.order.keys.map((_, i) => {
      const value = r[`k${i}`];
      return value instanceof Date ? value.toISOString() : String(value);
    }),
  }));
  const isReversed = window.kind === "before" || window.kind === "last";
  return { rows: isReversed ? page.reverse() : page, hasMore };
}
