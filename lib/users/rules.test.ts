import { describe, expect, it } from "vitest";
import { blockDurationMs, passwordProblem, THROTTLE } from "./rules";

describe("passwordProblem", () => {
  it.each([
    ["short1!", /at least 12/],
    ["aaaaaaaaaaaaaa", /repeat/],
    ["Password123!!", /too common/],
    ["Blue-Harbor-2026", null],
    ["password123", /at least 12/],
    ["password1234", /too common/],
    ["alllowercaseletters", /Mix at least two/],
  ])("%s", (password, expected) => {
    const result = passwordProblem(password);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toMatch(expected);
  });

  it("refuses a password that contains the e-mail's local part", () => {
    expect(passwordProblem("janedoe-2026-secure", { email: "janedoe@example.com" })).toMatch(
      /e-mail/,
    );
  });
});

describe("blockDurationMs", () => {
  it("lets the first failures through, then doubles the wait up to a cap", () => {
    expect(blockDurationMs(THROTTLE.freeFailures - 1)).toBe(0);
    expect(blockDurationMs(THROTTLE.freeFailures)).toBe(THROTTLE.firstBlockMs);
    expect(blockDurationMs(THROTTLE.freeFailures + 1)).toBe(THROTTLE.firstBlockMs * 2);
    expect(blockDurationMs(100)).toBe(THROTTLE.maxBlockMs);
  });
});
