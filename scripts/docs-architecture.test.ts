import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadLibLayers } from "../eslint/lib-dependencies.mjs";
import { ARCHITECTURE_DOC, regenerate } from "./docs-architecture";

describe("docs/architecture.md", () => {
  it("shows the layers and dependencies lint enforces (else: npm run docs:architecture)", async () => {
    const doc = readFileSync(ARCHITECTURE_DOC, "utf8");
    const fresh = await regenerate(doc, await loadLibLayers());
    expect(fresh, "the markers of the generated part are missing").not.toBeNull();
    expect(doc).toBe(fresh);
    expect(doc).toContain("- `lib/scopes/` may import nothing in `lib/`");
  });
});
