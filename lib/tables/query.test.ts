import { describe, expect, it } from "vitest";
import { pageOf, parseEnumFilter, parseTableQuery } from "./query";

const options = {
  sortable: ["name", "createdAt"] as const,
  defaultSort: { id: "createdAt" as const, desc: true },
};

describe("parseTableQuery", () => {
  it("reads page, size, sort and search from the URL", () => {
    expect(
      parseTableQuery({ page: "3", perPage: "50", sort: "name.asc", q: "  vital " }, options),
    ).toEqual({
      page: 3,
      perPage: 50,
      sort: { id: "name", desc: false },
      q: "vital",
    });
  });

  it("falls back to defaults for anything not allowed", () => {
    expect(
      parseTableQuery(
        { page: "-2", perPage: "7", sort: "passwordHash.asc", q: "x".repeat(500) },
        options,
      ),
    ).toEqual({
      page: 1,
      perPage: 25,
      sort: { id: "createdAt", desc: true },
      q: "",
    });
    expect(parseTableQuery({ sort: "name.sideways" }, options).sort).toEqual({
      id: "createdAt",
      desc: true,
    });
  });

  it("keeps only allowed enum filter values", () => {
    expect(parseEnumFilter({ status: "active" }, "status", ["active", "suspended"])).toBe("active");
    expect(
      parseEnumFilter({ status: "DROP TABLE" }, "status", ["active", "suspended"]),
    ).toBeUndefined();
  });

  it("counts pages from the total", () => {
    expect(pageOf([], 0, { page: 1, perPage: 25 }).pageCount).toBe(1);
    expect(pageOf([], 51, { page: 1, perPage: 25 }).pageCount).toBe(3);
  });
});
