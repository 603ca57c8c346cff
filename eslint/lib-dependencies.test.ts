// The structure rules bite: ESLint, with the project's own config, run on a small fixture tree
// that breaks each rule once, must report each break (and nothing on the files that keep them).
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assertAcyclic,
  defineLayers,
  libModuleOf,
  loadLibLayers,
  modulesOf,
  type LibLayer,
} from "./lib-dependencies.mjs";

const FIXTURE: Record<string, string> = {
  // lib/users -> lib/audit is allowed; lib/audit -> lib/users closes a folder-level cycle through
  // other files (no file imports itself back).
  "lib/users/service.ts":
    'import { log } from "../audit/log";\nexport const signIn = () => log();\n',
  "lib/audit/log.ts": "export const log = () => 1;\n",
  "lib/audit/csv.ts": 'import { roles } from "../users/roles";\nexport const csv = roles;\n',
  "lib/users/roles.ts": "export const roles = 1;\n",
  // The engine importing the policy (which imports the engine), through the "@/" alias.
  "lib/scopes/analyze.ts":
    'import { policy } from "@/lib/policy/rules";\nexport const a = policy;\n',
  "lib/policy/rules.ts": 'import { parse } from "../scopes/parse";\nexport const policy = parse;\n',
  "lib/scopes/parse.ts": "export const parse = 1;\n",
  // Domain code reaching for the framework, the app's database client, and the UI.
  "lib/apps/page-helper.ts": [
    'import { redirect } from "next/navigation";',
    'import { useMemo } from "react";',
    'import { getDb } from "../db";',
    'import { Badge } from "@/components/ui/badge";',
    "export const x = [redirect, useMemo, getDb, Badge];",
    "",
  ].join("\n"),
  "lib/db.ts": "export const getDb = () => null;\n",
  "components/ui/badge.ts": "export const Badge = 1;\n",
  // A folder the map does not know.
  "lib/newthing/index.ts": "export const n = 1;\n",
  // A file-level cycle outside lib/.
  "app/one.ts": 'import { two } from "./two";\nexport const one = () => two;\n',
  "app/two.ts": 'import { one } from "./one";\nexport const two = () => one;\n',
};

let dir: string;
let results: Map<string, { ruleId: string | null; message: string }[]>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "sw-lint-"));
  for (const [file, text] of Object.entries(FIXTURE)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: path.resolve("eslint.config.mjs"),
    overrideConfig: { settings: { react: { version: "19.0" } } },
  });
  const linted = await eslint.lintFiles(Object.keys(FIXTURE));
  results = new Map(
    linted.map((r) => [path.relative(dir, r.filePath).split(path.sep).join("/"), r.messages]),
  );
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rulesOf = (file: string) => results.get(file)!.map((m) => m.ruleId);

describe("lint on a fixture that breaks the structure", () => {
  it("fails a folder-level cycle at the import the map does not allow", () => {
    expect(rulesOf("lib/users/service.ts")).toEqual([]);
    const [message] = results.get("lib/audit/csv.ts")!;
    expect(message?.ruleId).toBe("scopewarden/lib-dependencies");
    expect(message?.message).toMatch(/^lib\/audit may not import lib\/users/);
  });

  it("fails the engine importing the policy, through the @/ alias too", () => {
    expect(rulesOf("lib/scopes/analyze.ts")).toEqual(["scopewarden/lib-dependencies"]);
    expect(rulesOf("lib/policy/rules.ts")).toEqual([]);
  });

  it("fails domain code importing Next.js, React, the app's database client or components", () => {
    expect(rulesOf("lib/apps/page-helper.ts").sort()).toEqual([
      "no-restricted-imports",
      "no-restricted-imports",
      "scopewarden/lib-dependencies",
      "scopewarden/lib-dependencies",
    ]);
  });

  it("fails a lib folder the map does not name", () => {
    expect(results.get("lib/newthing/index.ts")![0]?.message).toMatch(
      /not in the lib dependency map/,
    );
  });

  it("fails a file-level cycle anywhere", () => {
    expect(rulesOf("app/one.ts")).toContain("import/no-cycle");
    expect(rulesOf("app/two.ts")).toContain("import/no-cycle");
  });
});

describe("the dependency map", () => {
  it("is refused when it has a cycle or names an unknown module", async () => {
    expect(() => assertAcyclic({ a: ["b"], b: ["c"], c: ["a"] })).toThrow(/a -> b -> c -> a/);
    expect(() => assertAcyclic({ a: ["ghost"] })).toThrow(/not in the map/);
    const map = modulesOf(await loadLibLayers());
    expect(assertAcyclic(map)).toBe(map);
  });

  it("is refused when a module imports a layer above its own", () => {
    const layers: LibLayer[] = [
      { name: "Low", why: "", modules: { errors: ["http"] } },
      { name: "High", why: "", modules: { http: [] } },
    ];
    expect(() => defineLayers(layers)).toThrow(/lib\/errors \(Low\) may not import http/);
  });

  it("names every lib module that exists, and keeps the engine free of lib/", async () => {
    const map = modulesOf(await loadLibLayers());
    const root = path.resolve(".");
    const modules = readdirSync(path.join(root, "lib"), { withFileTypes: true })
      .filter((e) => e.isDirectory() || (/\.tsx?$/.test(e.name) && !/\.test\.ts$/.test(e.name)))
      .map((e) => libModuleOf(path.join(root, "lib", e.name, e.isDirectory() ? "x.ts" : ""), root));
    expect(Object.keys(map).sort()).toEqual(modules.sort());
    expect(map.scopes).toEqual([]);
    expect(libModuleOf(path.join(root, "app/page.tsx"), root)).toBeNull();
  });
});
