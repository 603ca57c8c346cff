import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import { isStorableText, parseIdParam } from "./validation";

describe("parseIdParam", () => {
  it("returns a well-formed id, lower-cased", () => {
    expect(parseIdParam("0B6C4E7E-3A1F-4C2D-9E8F-123456789ABC")).toBe(
      "0b6c4e7e-3a1f-4c2d-9e8f-123456789abc",
    );
  });
  it.each([
    "",
    "abc",
    "abc\u0000",
    "\ud800",
    "0b6c4e7e-3a1f-4c2d-9e8f-123456789abc ",
    "x".repeat(5000),
    null,
    ["a"],
  ])("answers NOT_FOUND for %j before any query", (value) => {
    expect(() => parseIdParam(value, "That campaign")).toThrow(
      new AppError("NOT_FOUND", "That campaign was not found."),
    );
  });
});

describe("isStorableText", () => {
  it("refuses NUL bytes and lone surrogates, and keeps everything else", () => {
    expect(isStorableText("a\u0000b")).toBe(false);
    expect(isStorableText("\ud800")).toBe(false);
    expect(isStorableText("x\udc00")).toBe(false);
    expect(isStorableText("😀 é \uFFFD \t\n")).toBe(true);
  });
});
