import { describe, expect, it } from "vitest";
import { isSuccessStatus, MAX_ATTEMPTS, nextAttemptAt } from "./backoff";

const now = new Date("2026-11-29T12:00:00Z");
const minutesAfter = (attempts: number) => {
  const next = nextAttemptAt(attempts, now);
  return next === null ? null : (next.getTime() - now.getTime()) / 60_000;
};

describe("retry schedule", () => {
  it("waits 1 min, 5 min, 30 min, 2 h, 12 h after the 1st to 5th failure and gives up after the 6th", () => {
    expect([1, 2, 3, 4, 5, 6].map(minutesAfter)).toEqual([1, 5, 30, 120, 720, null]);
    expect(MAX_ATTEMPTS).toBe(6);
    expect(minutesAfter(7)).toBeNull();
  });

  it("sends a fresh delivery right away", () => {
    expect(nextAttemptAt(0, now)).toEqual(now);
  });

  it("counts only 2xx as delivered (redirects are not followed)", () => {
    expect([200, 201, 204, 299].every(isSuccessStatus)).toBe(true);
    expect([199, 301, 302, 400, 404, 500, 503].some(isSuccessStatus)).toBe(false);
  });
});
