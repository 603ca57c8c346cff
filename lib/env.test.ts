// The environment's fields that have rules beyond "present": each bad value says what is wanted.
import { describe, expect, it } from "vitest";
import { ZUsageFlushSeconds } from "./env";

describe("USAGE_FLUSH_SECONDS", () => {
  it("defaults to 30 and takes whole seconds from 5 to 3600", () => {
    expect(ZUsageFlushSeconds.parse(undefined)).toBe(30);
    expect(ZUsageFlushSeconds.parse("300")).toBe(300);
    const message = (value: string) =>
      ZUsageFlushSeconds.safeParse(value).error?.issues[0]?.message;
    expect(message("often")).toBe("USAGE_FLUSH_SECONDS is a number of seconds.");
    expect(message("2")).toBe("USAGE_FLUSH_SECONDS is at least 5.");
    expect(message("7200")).toBe("USAGE_FLUSH_SECONDS is at most 3600 (an hour).");
    expect(message("12.5")).toBe("USAGE_FLUSH_SECONDS is a whole number of seconds.");
  });
});
