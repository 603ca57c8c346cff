import { describe, expect, it } from "vitest";
import { dedupeScopes, sameMeaning } from "./canonical";
import { covers, coversAll } from "./covers";
import { diffScopes } from "./diff";
import { compileGrants, grantIndexCovers, hasGrantIn, hasGrantOn } from "./grant-index";

describe("covers", () => {
  it("same context only", () => {
    expect(covers("user/Observation.rs", "patient/Observation.rs")).toBe(false);
    expect(covers("patient/Observation.rs", "user/Observation.rs")).toBe(false);
    expect(covers("system/*.cruds", "patient/Observation.r")).toBe(false);
    expect(covers("system/*.cruds", "user/Observation.r")).toBe(false);
    expect(covers("patient/*.cruds", "system/Observation.r")).toBe(false);
  });
  it("a `*` grant covers named types; a `*` request needs a `*` grant", () => {
    expect(covers("patient/*.rs", "patient/Observation.rs")).toBe(true);
    expect(covers("patient/Observation.rs patient/Patient.rs", "patient/*.rs")).toBe(false);
    expect(covers("patient/*.cruds", "patient/*.rs")).toBe(true);
  });
  it("unions letters across grants", () => {
    expect(covers("patient/Observation.r patient/Observation.s", "patient/Observation.rs")).toBe(
      true,
    );
    expect(covers("patient/Observation.r patient/*.s", "patient/Observation.rs")).toBe(true);
    expect(covers("patient/Observation.r", "patient/Observation.rs")).toBe(false);
  });
  it("create and update never imply each other; write does not imply read", () => {
    expect(covers("patient/Observation.c", "patient/Observation.u")).toBe(false);
    expect(covers("patient/Observation.u", "patient/Observation.c")).toBe(false);
    expect(covers("patient/Observation.cud", "patient/Observation.r")).toBe(false);
  });
  it("v1 and v2 equivalents cover each other", () => {
    for (const [v1, v2] of [
      ["read", "rs"],
      ["write", "cud"],
      ["*", "cruds"],
    ]) {
      expect(covers(`user/Encounter.${v1}`, `user/Encounter.${v2}`)).toBe(true);
      expect(covers(`user/Encounter.${v2}`, `user/Encounter.${v1}`)).toBe(true);
    }
  });
  it("a narrowed grant covers only requests carrying all its pairs", () => {
    const grant = "patient/Observation.rs?category=laboratory";
    expect(covers(grant, "patient/Observation.rs")).toBe(false);
    expect(covers(grant, "patient/Observation.rs?category=laboratory")).toBe(true);
    expect(covers(grant, "patient/Observation.rs?category=laboratory&date=ge2020")).toBe(true);
    expect(covers(grant, "patient/Observation.rs?category=vital-signs")).toBe(false);
    expect(covers(grant, "patient/Observation.rs?category=laboratory,vital-signs")).toBe(false);
    expect(covers("patient/Observation.rs", "patient/Observation.rs?category=laboratory")).toBe(
      true,
    );
  });
  it("compares narrowing by decoded meaning, not spelling", () => {
    expect(
      covers("patient/Observation.rs?category=a%7Cb", "patient/Observation.rs?category=a|b"),
    ).toBe(true);
  });
  it("each letter must come from a grant whose narrowing is satisfied", () => {
    const grants = "patient/Observation.r?category=laboratory patient/Observation.s";
    expect(covers(grants, "patient/Observation.rs?category=laboratory")).toBe(true);
    expect(covers(grants, "patient/Observation.rs")).toBe(false);
  });
  it("non-clinical scopes are covered only by themselves", () => {
    expect(covers("openid fhirUser", "openid")).toBe(true);
    expect(covers("launch", "launch/patient")).toBe(false);
    expect(covers("offline_access", "online_access")).toBe(false);
    expect(covers("patient/*.cruds", "openid")).toBe(false);
  });
  it("invalid scopes never cover and are never covered", () => {
    expect(covers("patient/Observation.sr", "patient/Observation.r")).toBe(false);
    expect(covers("patient/Observation.rs", "patient/Observation.sr")).toBe(false);
    expect(covers("banana", "banana")).toBe(false);
    expect(covers([], "openid")).toBe(false);
  });
});

describe("grant index", () => {
  it("answers like covers and names the matching grant", () => {
    const index = compileGrants(
      "patient/*.rs patient/Observation.rs?category=laboratory user/Encounter.cu openid",
    );
    expect(grantIndexCovers(index, "patient/Observation.read")).toEqual({
      covered: true,
      matchedScope: "patient/*.rs",
    });
    expect(grantIndexCovers(index, "patient/Observation.rs?category=laboratory")).toEqual({
      covered: true,
      matchedScope: "patient/Observation.rs?category=laboratory",
    });
    expect(grantIndexCovers(index, "user/Encounter.write")).toEqual({
      covered: false,
      matchedScope: null,
    });
    expect(grantIndexCovers(index, "user/Encounter.c")).toEqual({
      covered: true,
      matchedScope: "user/Encounter.cu",
    });
    expect(grantIndexCovers(index, "openid")).toEqual({ covered: true, matchedScope: "openid" });
    expect(grantIndexCovers(index, "fhirUser")).toEqual({ covered: false, matchedScope: null });
    expect(grantIndexCovers(index, "nonsense")).toEqual({ covered: false, matchedScope: null });
  });
  it("prefers the most specific single grant, then the most specific contributor of a union", () => {
    const index = compileGrants(["patient/*.cruds", "patient/Observation.rs"]);
    expect(grantIndexCovers(index, "patient/Observation.r").matchedScope).toBe(
      "patient/Observation.rs",
    );
    const union = compileGrants(["patient/*.s", "patient/Observation.r"]);
    expect(grantIndexCovers(union, "patient/Observation.rs")).toEqual({
      covered: true,
      matchedScope: "patient/Observation.r",
    });
  });
  it("tells whether any grant of a context is on a type, on `*`, or at all", () => {
    const index = compileGrants("patient/Observation.rs?category=laboratory user/*.r openid");
    expect(hasGrantOn(index, "patient", "Observation")).toBe(true);
    expect(hasGrantOn(index, "patient", "Condition")).toBe(false);
    expect(hasGrantOn(index, "patient", "*")).toBe(false);
    expect(hasGrantOn(index, "user", "*")).toBe(true);
    expect(hasGrantOn(index, "user", "Observation")).toBe(false);
    expect(hasGrantOn(index, "user", "NoSuchType")).toBe(false);
    expect(hasGrantIn(index, "patient")).toBe(true);
    expect(hasGrantIn(index, "user")).toBe(true);
    expect(hasGrantIn(index, "system")).toBe(false);
  });
  it("coversAll lists what is missing", () => {
    expect(
      coversAll(
        "patient/*.read openid",
        "patient/Observation.rs patient/Observation.c openid fhirUser",
      ),
    ).toEqual({
      covered: false,
      uncovered: ["patient/Observation.c", "fhirUser"],
    });
    expect(coversAll("openid", [])).toEqual({ covered: true, uncovered: [] });
  });
});

describe("meaning-level set operations", () => {
  it("dedupes v1/v2 equivalents, keeping the first", () => {
    expect(
      dedupeScopes("patient/Observation.read patient/Observation.rs openid openid").map(
        (s) => s.input,
      ),
    ).toEqual(["patient/Observation.read", "openid"]);
    expect(sameMeaning("user/*.*", "user/*.cruds")).toBe(true);
  });
  it("diffs by meaning", () => {
    expect(
      diffScopes(
        "patient/Observation.read openid launch",
        "patient/Observation.rs openid patient/Condition.rs",
      ),
    ).toEqual({
      added: ["patient/Condition.rs"],
      removed: ["launch"],
      unchanged: ["patient/Observation.rs", "openid"],
    });
  });
});
