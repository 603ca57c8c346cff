import { describe, expect, it } from "vitest";
import { canManageEndpoint, endpointHealth, subscribableEvents } from "./rules";

describe("who manages an endpoint", () => {
  it("admins manage all; a partner only their organisation's; reviewers none", () => {
    const own = { organizationId: "org-a" };
    const portal = { organizationId: null };
    expect(canManageEndpoint({ role: "admin", organizationId: null }, own)).toBe(true);
    expect(canManageEndpoint({ role: "admin", organizationId: null }, portal)).toBe(true);
    expect(canManageEndpoint({ role: "partner", organizationId: "org-a" }, own)).toBe(true);
    expect(canManageEndpoint({ role: "partner", organizationId: "org-b" }, own)).toBe(false);
    expect(canManageEndpoint({ role: "partner", organizationId: "org-a" }, portal)).toBe(false);
    expect(canManageEndpoint({ role: "partner", organizationId: null }, portal)).toBe(false);
    expect(canManageEndpoint({ role: "reviewer", organizationId: null }, portal)).toBe(false);
  });

  it("offers partners their organisation's events only", () => {
    expect(subscribableEvents("admin")).toEqual(
      expect.arrayContaining(["review.closed", "audit.checkpoint"]),
    );
    expect(subscribableEvents("partner")).toEqual([
      "grant.approved",
      "grant.denied",
      "grant.revoked",
      "grant.expiring",
      "grant.renewed",
      "app.suspended",
      "app.key_problem",
    ]);
  });
});

describe("endpoint health", () => {
  it("is disabled, failing, healthy or idle from the last day's deliveries", () => {
    expect(endpointHealth({ active: false, succeeded: 5, failed: 0, retrying: 0 })).toBe(
      "disabled",
    );
    expect(endpointHealth({ active: true, succeeded: 5, failed: 1, retrying: 0 })).toBe("failing");
    expect(endpointHealth({ active: true, succeeded: 5, failed: 0, retrying: 2 })).toBe("failing");
    expect(endpointHealth({ active: true, succeeded: 5, failed: 0, retrying: 0 })).toBe("healthy");
    expect(endpointHealth({ active: true, succeeded: 0, failed: 0, retrying: 0 })).toBe("idle");
  });
});
