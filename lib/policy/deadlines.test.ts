import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  deadlineStatus,
  DEFAULT_RESPONSE_TARGETS,
  dueDateFor,
  responseTargetDays,
} from "./deadlines";
import { ZPolicy } from "./schema";

const at = (iso: string) => new Date(iso);

describe("response targets", () => {
  it("gives patient-access apps 10 business days and system scopes 15", () => {
    const t = DEFAULT_RESPONSE_TARGETS;
    expect(responseTargetDays(t, { appType: "patient", context: "patient", risk: "low" })).toBe(10);
    expect(responseTargetDays(t, { appType: "backend", context: "system", risk: "high" })).toBe(15);
    expect(responseTargetDays(t, { appType: "provider", context: "user", risk: "low" })).toBe(10);
  });

  it("lets a policy set targets by risk", () => {
    const t = {
      rules: [{ risks: ["critical" as const], businessDays: 3 }],
      defaultBusinessDays: 20,
      holidays: [],
    };
    expect(responseTargetDays(t, { appType: "backend", context: "system", risk: "critical" })).toBe(
      3,
    );
    expect(responseTargetDays(t, { appType: "backend", context: "system", risk: "low" })).toBe(20);
  });

  it("is accepted in a policy document and refuses nonsense", () => {
    const base = { rules: [], fallback: "grant" };
    expect(ZPolicy.safeParse({ ...base, responseTargets: DEFAULT_RESPONSE_TARGETS }).success).toBe(
      true,
    );
    const bad = {
      ...base,
      responseTargets: { rules: [], defaultBusinessDays: 0, holidays: ["12/25"] },
    };
    expect(ZPolicy.safeParse(bad).success).toBe(false);
  });
});

describe("business days", () => {
  it("skips weekends", () => {
    // Friday + 1 business day = Monday.
    expect(addWorkingDays(at("2026-12-04T10:00:00Z"), 1, [])).toEqual(at("2026-12-07T10:00:00Z"));
  });

  it("skips weekday holidays, including one the pushed date lands on", () => {
    // Wed 23 Dec + 2: Thu 24, (Fri 25 holiday), Mon 28; with 28 a holiday too: Tue 29.
    expect(addWorkingDays(at("2026-12-23T09:00:00Z"), 2, ["2026-12-25"])).toEqual(
      at("2026-12-28T09:00:00Z"),
    );
    expect(addWorkingDays(at("2026-12-23T09:00:00Z"), 2, ["2026-12-25", "2026-12-28"])).toEqual(
      at("2026-12-29T09:00:00Z"),
    );
    // A holiday on a weekend costs nothing.
    expect(addWorkingDays(at("2026-12-23T09:00:00Z"), 2, ["2026-12-26"])).toEqual(
      at("2026-12-25T09:00:00Z"),
    );
  });

  it("puts a patient app's request made before Thanksgiving 10 business days out, past the holiday", () => {
    const due = dueDateFor(
      DEFAULT_RESPONSE_TARGETS,
      { appType: "patient", context: "patient", risk: "medium" },
      at("2026-11-23T15:00:00Z"),
    );
    // Mon 23 Nov + 10 business days = Mon 7 Dec, plus Thanksgiving (26 Nov) = Tue 8 Dec.
    expect(due).toEqual(at("2026-12-08T15:00:00Z"));
  });
});

describe("deadline status with an injected clock", () => {
  it("moves from on track to due soon to overdue as the clock passes", () => {
    const due = at("2026-12-08T15:00:00Z");
    expect(deadlineStatus(due, at("2026-12-03T15:00:00Z"))).toBe("on_track");
    expect(deadlineStatus(due, at("2026-12-07T16:00:00Z"))).toBe("due_soon");
    expect(deadlineStatus(due, at("2026-12-08T15:00:00Z"))).toBe("overdue");
    expect(deadlineStatus(due, at("2026-12-20T00:00:00Z"))).toBe("overdue");
  });
});
