import { describe, expect, it } from "vitest";
import { auditFilterParams, auditWhere, parseAuditFilters } from "./queries";

const ORG = "0b6c1a52-3f1e-4c2a-9d7b-2f1e0c9a8b7d";

describe("parseAuditFilters", () => {
  it("keeps well-formed filters", () => {
    expect(
      parseAuditFilters({
        action: "policy.*",
        actor: "  Admin@ ",
        entityType: "PolicyVersion",
        organizationId: ORG,
        from: "2026-01-01",
        to: "2026-01-31",
        q: "abc",
      }),
    ).toEqual({
      action: "policy.*",
      actor: "Admin@",
      entityType: "PolicyVersion",
      organizationId: ORG,
      from: "2026-01-01",
      to: "2026-01-31",
      q: "abc",
    });
  });

  it("ignores malformed values instead of failing", () => {
    expect(
      parseAuditFilters({
        action: "'; DROP TABLE",
        actor: "x".repeat(300),
        entityType: "1bad",
        organizationId: "not-a-uuid",
        from: "2026-02-30",
        to: "yesterday",
        q: ["", "second"],
      }),
    ).toEqual({});
    expect(parseAuditFilters({ from: "2026-13-01", to: "0000-01-01" })).toEqual({});
  });

  it("drops a range whose start is after its end", () => {
    expect(parseAuditFilters({ from: "2026-05-02", to: "2026-05-01" })).toEqual({});
    expect(parseAuditFilters({ from: "2026-05-01", to: "2026-05-01" })).toEqual({
      from: "2026-05-01",
      to: "2026-05-01",
    });
  });
});

describe("auditWhere", () => {
  it("matches everything without filters", () => {
    expect(auditWhere({})).toEqual({});
  });

  it("treats a trailing .* as a prefix and makes the end day inclusive", () => {
    expect(auditWhere({ action: "auth.*", to: "2026-05-01" })).toEqual({
      AND: [
        { action: { startsWith: "auth." } },
        { at: { lt: new Date("2026-05-02T00:00:00.000Z") } },
      ],
    });
  });
});

it("turns filters back into URL parameters for the export link", () => {
  expect(auditFilterParams({ action: "policy.changed", from: "2026-01-01" }).toString()).toBe(
    "action=policy.changed&from=2026-01-01",
  );
});
