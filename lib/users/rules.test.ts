import { describe, expect, it } from "vitest";
import { blockDurationMs, describeDevice, passwordProblem, THROTTLE } from "./rules";

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
    expect(blockDurationMs(4, 5)).toBe(0);
    expect(blockDurationMs(5, 5)).toBe(THROTTLE.firstBlockMs);
    expect(blockDurationMs(6, 5)).toBe(THROTTLE.firstBlockMs * 2);
    expect(blockDurationMs(100, 5)).toBe(THROTTLE.maxBlockMs);
  });
});

describe("describeDevice", () => {
  it.each([
    ["Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox on Linux"],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
      "Edge on Windows",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      "Safari on iOS",
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      "Chrome on macOS",
    ],
    ["curl/8.5.0", "curl"],
    [null, "Unknown device"],
  ])("%s → %s", (ua, expected) => {
    expect(describeDevice(ua)).toBe(expected);
  });
});
