import { describe, expect, it } from "vitest";
import { Availability, unavailableAnswerFor } from "./availability";

const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
  code: "ECONNREFUSED",
});

function tracker(initiallyUp: boolean) {
  const calls = { probes: 0 };
  let isUp = initiallyUp;
  let clock = 1_000_000;
  const availability = new Availability(
    async () => {
      calls.probes++;
      if (!isUp) throw refused;
    },
    { upTtlMs: 10_000, downTtlMs: 1000, now: () => clock },
  );
  return {
    availability,
    calls,
    setUp: (value: boolean) => void (isUp = value),
    advance: (ms: number) => void (clock += ms),
  };
}

describe("Availability", () => {
  it("believes a fresh answer without probing, and probes again when it is stale", async () => {
    const t = tracker(true);
    expect((await t.availability.check()).isAvailable).toBe(true);
    expect(t.availability.current().isAvailable).toBe(true);
    await t.availability.check();
    expect(t.calls.probes).toBe(1);
    t.advance(10_000);
    await t.availability.check();
    expect(t.calls.probes).toBe(2);
    t.availability.stop();
  });

  it("re-probes at once on a connection error, but not on any other error", async () => {
    const t = tracker(true);
    await t.availability.check();
    expect(t.availability.report(new Error("unique constraint"))).toBe(false);
    expect(t.calls.probes).toBe(1);
    t.setUp(false);
    expect(t.availability.report(refused)).toBe(true);
    expect((await t.availability.check()).isAvailable).toBe(false);
    expect(t.calls.probes).toBe(2);
    expect(t.availability.current().error).toContain("ECONNREFUSED");
    t.availability.stop();
  });

  it("answers 503 only for paths that need the database, once it is known to be down", async () => {
    const t = tracker(false);
    expect(unavailableAnswerFor(t.availability, "/apps", false)).toBeNull(); // not probed yet
    await t.availability.check();
    expect(unavailableAnswerFor(t.availability, "/apps", false)?.headers["Content-Type"]).toMatch(
      /html/,
    );
    expect(
      unavailableAnswerFor(t.availability, "/api/v1/decisions", false)?.headers["Content-Type"],
    ).toBe("application/json");
    for (const path of ["/api/health", "/api/v1/scopes/analyze", "/_next/static/x.js", "/docs/api"])
      expect(unavailableAnswerFor(t.availability, path, false)).toBeNull();
    expect(unavailableAnswerFor(t.availability, "/apps/new", true)).toBeNull();
    t.availability.stop();
  });
});
