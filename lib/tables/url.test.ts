import { parseAsStringLiteral } from "nuqs/server";
import { describe, expect, it } from "vitest";
import { pageOf } from "./query";
import { defineTableUrl, parseAsUuid } from "./url";

const table = defineTableUrl({
  sortable: ["name", "createdAt"],
  defaultSort: { id: "createdAt", desc: true },
  filters: {
    status: parseAsStringLiteral(["active", "suspended"]),
    partner: parseAsUuid,
    show: parseAsStringLiteral(["pending", "all"]).withDefault("pending"),
  },
});
const defaults = {
  page: 1,
  perPage: 25,
  sort: { id: "createdAt", desc: true },
  q: "",
  cursor: null,
  status: null,
  partner: null,
  show: "pending",
};

describe("a table's URL contract", () => {
  it("reads page, size, sort, search, cursor and filters", () => {
    expect(
      table.load({
        page: "3",
        perPage: "50",
        sort: "name.asc",
        q: "  vital ",
        cursor: "abc",
        status: "suspended",
        partner: "6F1D2C3B-0A9E-4D8C-8B7A-112233445566",
        show: "all",
      }),
    ).toEqual({
      page: 3,
      perPage: 50,
      sort: { id: "name", desc: false },
      q: "vital",
      cursor: "abc",
      status: "suspended",
      partner: "6f1d2c3b-0a9e-4d8c-8b7a-112233445566",
      show: "all",
    });
  });

  it("falls back to the defaults for anything malformed or not allowed", () => {
    expect(
      table.load({
        page: "-2",
        perPage: "7",
        sort: "passwordHash.asc",
        q: "x".repeat(500),
        cursor: "",
        status: "DROP TABLE",
        partner: "not-a-uuid",
        show: "everything",
      }),
    ).toEqual(defaults);
    for (const sort of ["name.sideways", "name", "name.asc.desc", ".asc"])
      expect(table.load({ sort }).sort).toEqual(defaults.sort);
    for (const page of ["0", "1.5", "2e3", "99999999", "abc"])
      expect(table.load({ page }).page).toBe(1);
    expect(table.load({ cursor: "c".repeat(3_000) }).cursor).toBeNull();
    expect(table.load({ q: "vital\u0000signs" }).q).toBe("");
  });

  it("takes the first of repeated keys, as the browser's URLSearchParams does", () => {
    expect(table.load({ sort: ["name.desc", "createdAt.asc"] }).sort).toEqual({
      id: "name",
      desc: true,
    });
    expect(table.load("?page=4&page=9").page).toBe(4);
  });

  it("lists its filters, for clearing them all", () => {
    expect(table.filterKeys).toEqual(["status", "partner", "show"]);
    expect(table.sortable).toEqual(["name", "createdAt"]);
  });

  it("writes what it reads: serialising a sort gives the same URL value", () => {
    const { sort } = table.parsers;
    expect(sort.serialize({ id: "name", desc: true })).toBe("name.desc");
    expect(sort.parse(sort.serialize({ id: "createdAt", desc: false }))).toEqual({
      id: "createdAt",
      desc: false,
    });
  });
});

describe("pageOf (offset-paged tables)", () => {
  it("counts pages from the total and says which neighbours exist", () => {
    expect(pageOf([], 0, { page: 1, perPage: 25 })).toMatchObject({
      pageCount: 1,
      hasPrev: false,
      hasNext: false,
      cursors: null,
    });
    expect(pageOf([], 51, { page: 2, perPage: 25 })).toMatchObject({
      pageCount: 3,
      hasPrev: true,
      hasNext: true,
    });
  });
});
