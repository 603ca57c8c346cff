import { describe, expect, it } from "vitest";
import { dailySeries, daysSince, isUnused } from "./rules";

const now = new Date("2026-12-01T12:00:00Z");
const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe("usage rules", () => {
  it("calls a grant unused only when it is older than the threshold and not used within it", () => {
    expect(isUnused({ lastUsedAt: null, grantedAt: ago(91) }, now, 90)).toBe(true);
    expect(isUnused({ lastUsedAt: ago(100), grantedAt: ago(200) }, now, 90)).toBe(true);
    expect(isUnused({ lastUsedAt: ago(89), grantedAt: ago(200) }, now, 90)).toBe(false);
    expect(isUnused({ lastUsedAt: null, grantedAt: ago(10) }, now, 90)).toBe(false);
    expect(isUnused({ lastUsedAt: null, grantedAt: null }, now, 90)).toBe(false);
  });

  it("fills a daily series oldest first, ending today, with zeros for quiet days", () => {
    const series = dailySeries(
      [
        { day: new Date("2026-12-01"), count: 5 },
        { day: new Date("2026-11-29"), count: 2 },
        { day: new Date("2026-08-01"), count: 9 },
      ],
      now,
      7,
    );
    expect(series).toEqual([0, 0, 0, 0, 2, 0, 5]);
    expect(daysSince(ago(3), now)).toBe(3);
    expect(daysSince(null, now)).toBeNull();
  });
});
