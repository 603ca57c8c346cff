import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ZAnalyzeResponse, ZCoversResponse } from "../lib/scopes/schemas";
import { runCli, USAGE } from "./scopes";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const spawn = (...args: string[]) =>
  spawnSync("npx", ["tsx", "scripts/scopes.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
  });

describe("scopes CLI (spawned)", () => {
  it("analyze prints the analysis JSON and exits 0", () => {
    const r = spawn("analyze", "patient/Observation.rs offline_access", "--client-type", "public");
    expect(r.status).toBe(0);
    const out = ZAnalyzeResponse.parse(JSON.parse(r.stdout));
    expect(out.scopes.map((s) => s.normalized)).toEqual([
      "patient/Observation.rs",
      "offline_access",
    ]);
    expect(out.findings.map((f) => f.rule)).toContain("offline-access-public-client");
  });
  it("covers prints {covered, uncovered} and exits 0 even when not covered", () => {
    const r = spawn(
      "covers",
      "--granted",
      "patient/*.read",
      "--requested",
      "patient/Observation.rs patient/Observation.c",
    );
    expect(r.status).toBe(0);
    expect(ZCoversResponse.parse(JSON.parse(r.stdout))).toEqual({
      covered: false,
      uncovered: ["patient/Observation.c"],
    });
  });
  it("bad arguments exit 2 with usage on stderr and nothing on stdout", () => {
    const r = spawn("covers", "--granted", "openid");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("--requested");
    expect(r.stderr).toContain("Usage:");
  });
});

describe("scopes CLI (in process)", () => {
  it.each([
    [[]],
    [["analyze"]],
    [["bogus"]],
    [["analyze", "openid", "--client-type", "mobile"]],
    [["analyze", "openid", "extra"]],
    [["analyze", "openid", "--granted", "x"]],
    [["covers", "--requested", "openid"]],
    [["covers", "--granted", "a", "--requested", "b", "--client-type", "public"]],
    [["--unknown"]],
  ])("%j exits 2", (argv) => {
    const r = runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(USAGE);
  });
  it("--help prints usage and exits 0", () => {
    expect(runCli(["--help"])).toEqual({ code: 0, stdout: `${USAGE}\n`, stderr: "" });
  });
  it("an empty scope string still runs", () => {
    const r = runCli(["analyze", ""]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      valid: false,
      scopes: [],
      findings: [{ rule: "empty-set" }],
    });
  });
});
