import { describe, expect, it } from "vitest";
import {
  assignReviewer,
  byWorkLeft,
  CLOSE_GRACE_DAYS,
  deadlineSteps,
  dueAtFor,
  isScheduleDue,
  itemSignals,
  matchesScopeFilter,
  nextRunAfter,
  periodKey,
  periodStart,
  unansweredOutcome,
} from "./rules";

const d = (iso: string) => new Date(iso);

describe("periods", () => {
  it("names the period a moment falls in, per cadence", () => {
    const at = d("2026-11-29T22:00:00Z");
    expect(periodKey("monthly", at)).toBe("2026-11");
    expect(periodKey("quarterly", at)).toBe("2026-Q4");
    expect(periodKey("semiannual", at)).toBe("2026-H2");
    expect(periodKey("annual", at)).toBe("2026");
    expect(periodKey("quarterly", d("2026-01-01T00:00:00Z"))).toBe("2026-Q1");
    expect(periodKey("quarterly", d("2026-03-31T23:59:59Z"))).toBe("2026-Q1");
  });

  it("starts periods at midnight UTC on the first day", () => {
    expect(periodStart("quarterly", d("2026-05-17T10:00:00Z")).toISOString()).toBe(
      "2026-04-01T00:00:00.000Z",
    );
    expect(periodStart("semiannual", d("2026-05-17T10:00:00Z")).toISOString()).toBe(
      "2026-01-01T00:00:00.000Z",
    );
  });

  it("runs next at the start of the following period, and skips missed periods after downtime", () => {
    expect(nextRunAfter("quarterly", d("2026-01-01T00:01:00Z")).toISOString()).toBe(
      "2026-04-01T00:00:00.000Z",
    );
    expect(nextRunAfter("quarterly", d("2026-12-15T00:00:00Z")).toISOString()).toBe(
      "2027-01-01T00:00:00.000Z",
    );
    expect(nextRunAfter("monthly", d("2026-12-31T23:00:00Z")).toISOString()).toBe(
      "2027-01-01T00:00:00.000Z",
    );
    expect(nextRunAfter("annual", d("2026-06-01T00:00:00Z")).toISOString()).toBe(
      "2027-01-01T00:00:00.000Z",
    );
    // Down from January to August: one run in August, then October.
    expect(nextRunAfter("quarterly", d("2026-08-10T00:00:00Z")).toISOString()).toBe(
      "2026-10-01T00:00:00.000Z",
    );
  });

  it("is due once its next run has come, and only while active", () => {
    const nextRunAt = d("2026-04-01T00:00:00Z");
    expect(isScheduleDue({ active: true, nextRunAt }, d("2026-03-31T23:59:00Z"))).toBe(false);
    expect(isScheduleDue({ active: true, nextRunAt }, d("2026-04-01T00:00:00Z"))).toBe(true);
    expect(isScheduleDue({ active: false, nextRunAt }, d("2026-05-01T00:00:00Z"))).toBe(false);
  });
});

describe("deadlines", () => {
  const opened = d("2026-01-01T00:00:00Z");
  const dueAt = dueAtFor(opened, 14);
  const campaign = { status: "open" as const, dueAt, remindedAt: null, escalatedAt: null };

  it("is due the given number of days after opening", () => {
    expect(dueAt.toISOString()).toBe("2026-01-15T00:00:00.000Z");
  });

  it("reminds inside the window before the due date, escalates when overdue, closes after the grace period", () => {
    expect(deadlineSteps(campaign, 3, d("2026-01-11T00:00:00Z"))).toEqual({
      shouldRemind: false,
      shouldEscalate: false,
      shouldClose: false,
    });
    expect(deadlineSteps(campaign, 3, d("2026-01-12T00:00:00Z"))).toEqual({
      shouldRemind: true,
      shouldEscalate: false,
      shouldClose: false,
    });
    expect(deadlineSteps(campaign, 3, d("2026-01-15T00:00:00Z"))).toEqual({
      shouldRemind: false,
      shouldEscalate: true,
      shouldClose: false,
    });
    const closeAt = new Date(dueAt.getTime() + CLOSE_GRACE_DAYS * 86_400_000);
    expect(deadlineSteps(campaign, 3, closeAt).shouldClose).toBe(true);
  });

  it("does each step once, and nothing on a closed campaign", () => {
    const done = {
      ...campaign,
      remindedAt: d("2026-01-12T00:00:00Z"),
      escalatedAt: d("2026-01-15T00:00:00Z"),
    };
    expect(deadlineSteps(done, 3, d("2026-01-16T00:00:00Z"))).toEqual({
      shouldRemind: false,
      shouldEscalate: false,
      shouldClose: false,
    });
    expect(deadlineSteps({ ...campaign, status: "closed" }, 3, d("2026-03-01T00:00:00Z"))).toEqual({
      shouldRemind: false,
      shouldEscalate: false,
      shouldClose: false,
    });
  });

  it("turns unanswered items into flags or revocations by the close policy", () => {
    expect(unansweredOutcome("flag")).toBe("flagged");
    expect(unansweredOutcome("revoke")).toBe("auto_revoked");
  });
});

describe("scope filters", () => {
  it("keeps system and write scopes for the system-and-write filter", () => {
    expect(matchesScopeFilter("system/Patient.rs", "system_and_write")).toBe(true);
    expect(matchesScopeFilter("patient/Observation.c", "system_and_write")).toBe(true);
    expect(matchesScopeFilter("user/Encounter.cruds", "system_and_write")).toBe(true);
    expect(matchesScopeFilter("patient/Observation.rs", "system_and_write")).toBe(false);
    expect(matchesScopeFilter("openid", "system_and_write")).toBe(false);
    expect(matchesScopeFilter("openid", "all")).toBe(true);
  });
});

describe("assignment", () => {
  const reviewers = ["r1", "r2", "r3"];
  const items = Array.from({ length: 7 }, (_, index) => ({
    index,
    appIndex: Math.floor(index / 3),
    organizationId: index < 4 ? "orgA" : "orgB",
  }));

  it("deals grants out one by one in round robin", () => {
    expect(items.map((i) => assignReviewer("round_robin", reviewers, i))).toEqual([
      "r1",
      "r2",
      "r3",
      "r1",
      "r2",
      "r3",
      "r1",
    ]);
  });

  it("keeps an app's grants with one named reviewer", () => {
    expect(items.map((i) => assignReviewer("named", reviewers, i))).toEqual([
      "r1",
      "r1",
      "r1",
      "r2",
      "r2",
      "r2",
      "r3",
    ]);
  });

  it("gives a partner's grants to that partner's reviewer, the rest round robin", () => {
    expect(items.map((i) => assignReviewer("by_partner", reviewers, i, { orgB: "rB" }))).toEqual([
      "r1",
      "r2",
      "r3",
      "r1",
      "rB",
      "rB",
      "rB",
    ]);
  });

  it("leaves items unassigned when there is nobody to assign", () => {
    expect(assignReviewer("round_robin", [], items[0]!)).toBeNull();
  });
});

describe("signals", () => {
  it("flags suspended apps, grants beyond the template and grants never reviewed", () => {
    const labels = itemSignals({
      scope: "system/*.rs",
      appStatus: "suspended",
      templateScopes: ["system/Patient.rs"],
      hasEarlierReview: false,
      isStillGranted: true,
    }).map((s) => s.code);
    expect(labels).toEqual(["app_suspended", "broader_than_template", "never_reviewed"]);
    expect(
      itemSignals({
        scope: "patient/Patient.rs",
        appStatus: "active",
        templateScopes: ["patient/Patient.rs"],
        hasEarlierReview: true,
        isStillGranted: true,
      }),
    ).toEqual([]);
  });
});

describe("a reviewer's campaigns in working order", () => {
  const c = (name: string, status: "open" | "closed", left: number, due: string) => ({
    name,
    status,
    dueAt: new Date(due),
    progress: { total: 30, decided: 30 - left },
  });
  it("puts the most work left first, then the soonest due, and closed ones last", () => {
    const list = [
      c("answered", "open", 0, "2026-12-01"),
      c("closed", "closed", 5, "2026-11-01"),
      c("28 left", "open", 28, "2026-12-20"),
      c("3 left, later", "open", 3, "2026-12-30"),
      c("3 left, sooner", "open", 3, "2026-12-10"),
    ];
    expect([...list].sort(byWorkLeft).map((x) => x.name)).toEqual([
      "28 left",
      "3 left, sooner",
      "3 left, later",
      "answered",
      "closed",
    ]);
  });
});
