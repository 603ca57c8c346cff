import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-redirect";

const BASE = "https://portal.example";

/** Where a browser on the portal would end up following the value. */
const landing = (value: string) => new URL(value, BASE);

describe("safeCallbackPath", () => {
  it.each([
    "/\t/evil.example",
    "/\n/evil.example",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    " //evil.example",
    "/\r\n/evil.example",
    "http:evil.example",
  ])("refuses %j, which a browser resolves to another origin or scheme", (value) => {
    expect(safeCallbackPath(value)).toBeNull();
  });

  it("keeps an encoded slash encoded: it stays a path on the portal", () => {
    expect(safeCallbackPath("/%2F/evil.example/../")).toBe("/%2F/");
    expect(landing("/%2F/").origin).toBe(BASE);
  });

  it("keeps a same-site path with its query and fragment, and refuses the API and auth pages", () => {
    expect(safeCallbackPath("/apps/3?tab=scopes#x")).toBe("/apps/3?tab=scopes#x");
    expect(safeCallbackPath("/api/v1/export")).toBeNull();
    expect(safeCallbackPath("/sign-in?callbackUrl=/x")).toBeNull();
    expect(safeCallbackPath("")).toBeNull();
    expect(safeCallbackPath(null)).toBeNull();
  });

  it("never returns a value that a browser resolves to another origin", () => {
    const piece = fc.constantFrom(
      "/",
      "//",
      "\\",
      "\t",
      "\n",
      "\r",
      " ",
      "%2F",
      "%2f",
      "%5C",
      "%09",
      "@",
      ":",
      ".",
      "..",
      "evil.example",
      "http:",
      "https:",
      "javascript:",
      "?",
      "#",
      "apps",
    );
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), (pieces) => {
        const value = pieces.join("");
        const result = safeCallbackPath(value);
        if (result === null) return;
        accepted++;
        expect(landing(result).origin).toBe(BASE);
        // Resolving the returned path again (as the client router does) stays home too.
        expect(landing(landing(result).pathname).origin).toBe(BASE);
        expect(result.startsWith("/") && !result.startsWith("//")).toBe(true);
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
});
