import { describe, expect, it } from "vitest";
import { parseScope } from "../scopes";
import { capExpiry, expiryFor, unusedAfterDays } from "./aging";
import { DEFAULT_POLICY } from "./default-policy";
import { ZPolicy } from "./schema";
import type { Policy } from "./types";

const policy: Policy = {
  ...DEFAULT_POLICY,
  aging: {
    lifetimes: [
      { match: { contexts: ["system"], permissionsAny: ["c", "u", "d"] }, maxDays: 365 },
      { match: { contexts: ["patient"] }, maxDays: null },
      { match: { contexts: ["system"] }, maxDays: 90 },
    ],
    unusedAfterDays: 60,
  },
};
const from = new Date("2026-01-01T00:00:00Z");
const days = (n: number) => new Date(from.getTime() + n * 86_400_000);

describe("grant lifetimes", () => {
  it("takes the first matching lifetime; none matching, or null, is unlimited", () => {
    expect(expiryFor(policy, parseScope("system/Observation.cu"), from)).toEqual(days(365));
    expect(expiryFor(policy, parseScope("system/Observation.rs"), from)).toEqual(days(90));
    expect(expiryFor(policy, parseScope("patient/Observation.rs"), from)).toBeNull();
    expect(expiryFor(policy, parseScope("user/Observation.rs"), from)).toBeNull();
  });

  it("honours an earlier requested date, caps a later one, and ignores one in the past", () => {
    expect(capExpiry(90, from, [days(30)])).toEqual(days(30));
    expect(capExpiry(90, from, [days(400)])).toEqual(days(90));
    expect(capExpiry(null, from, [days(400)])).toEqual(days(400));
    expect(capExpiry(90, from, [days(-1), null, undefined])).toEqual(days(90));
  });

  it("validates the aging section and defaults the unused threshold to 90 days", () => {
    expect(ZPolicy.safeParse(policy).success).toBe(true);
    const bad = ZPolicy.safeParse({ ...policy, aging: { unusedAfterDays: 0, oops: 1 } });
    expect(bad.success).toBe(false);
    expect(unusedAfterDays(policy)).toBe(60);
    expect(unusedAfterDays(DEFAULT_POLICY)).toBe(90);
  });
});
