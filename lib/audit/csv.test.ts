import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { auditCsvFilename, auditCsvRecord, neutralizeCell, toCsvLines } from "./csv";

describe("neutralizeCell", () => {
  it.each(["=SUM(A1:A2)", "+1", "-2+3", "@cmd", "\tfoo", "\r=1", "=1+1\nsecond line"])(
    "makes %j inert with a leading quote",
    (value) => {
      expect(neutralizeCell(value)).toBe(`'${value}`);
    },
  );

  it.each([
    "admin@scopewarden.test",
    "policy.changed",
    "",
    "2026-01-01T00:00:00.000Z",
    '{"a":-1}',
    " =not at the start",
    "1-2",
  ])("leaves %j as it is", (value) => {
    expect(neutralizeCell(value)).toBe(value);
  });
});

describe("toCsvLines", () => {
  it("quotes commas, quotes and line breaks, and ends every line with CRLF", () => {
    const text = toCsvLines([
      ["a", 'He said "hi", then left', "two\nlines"],
      ["plain", "", " padded "],
    ]);
    expect(text).toBe('a,"He said ""hi"", then left","two\nlines"\r\nplain,," padded "\r\n');
    expect(Papa.parse<string[]>(text.trimEnd()).data).toEqual([
      ["a", 'He said "hi", then left', "two\nlines"],
      ["plain", "", " padded "],
    ]);
  });

  it("writes nothing for no records", () => {
    expect(toCsvLines([])).toBe("");
  });
});

describe("auditCsvRecord", () => {
  const event = {
    seq: 42n,
    at: new Date("2026-03-01T10:20:30.123Z"),
    actorType: "user" as const,
    actorId: "u-1",
    actorLabel: "=evil()",
    action: "policy.changed",
    entityType: "PolicyVersion",
    entityId: null,
    organizationId: null,
    before: null,
    after: { note: 'why, "so"' },
    ip: "-1.2.3.4",
    prevHash: "p",
    hash: "h",
    chainVersion: 2,
  };

  it("writes the columns in header order, JSON for before and after, and neutralizes formulas", () => {
    expect(auditCsvRecord(event)).toEqual([
      "42",
      "2026-03-01T10:20:30.123Z",
      "user",
      "'=evil()",
      "u-1",
      "policy.changed",
      "PolicyVersion",
      "",
      "",
      "'-1.2.3.4",
      "",
      '{"note":"why, \\"so\\""}',
      "p",
      "h",
    ]);
  });
});

it("names the file after the day", () => {
  expect(auditCsvFilename(new Date("2026-07-04T23:59:00Z"))).toBe(
    "scopewarden-audit-2026-07-04.csv",
  );
});
