import { describe, expect, it } from "vitest";
import { decodeUtf8, isDeclaredTooLarge, isJsonContentType, readBodyCapped } from "./body";

describe("readBodyCapped", () => {
  it("times out a stalled body instead of hanging", async () => {
    const stalled = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}) });
    expect(await readBodyCapped(stalled, 1024, 50)).toEqual({ kind: "timeout" });
  });
  it("stops reading as soon as the body is over the limit", async () => {
    let pulls = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new Uint8Array(4096).fill(32));
      },
    });
    expect(await readBodyCapped(endless, 10_000)).toEqual({ kind: "too_large" });
    expect(pulls).toBeLessThan(5);
  });
});

describe("media type and declared length", () => {
  it("knows JSON media types and over-long declarations", () => {
    expect(isJsonContentType("application/json; charset=utf-8")).toBe(true);
    expect(isJsonContentType("application/fhir+json")).toBe(true);
    expect(isJsonContentType("text/json")).toBe(false);
    expect(isJsonContentType(null)).toBe(false);
    expect(isDeclaredTooLarge("16385")).toBe(true);
    expect(isDeclaredTooLarge("16384")).toBe(false);
    expect(isDeclaredTooLarge(null)).toBe(false);
  });
});

describe("decodeUtf8", () => {
  it("decodes valid UTF-8 (a literal U+FFFD included) and refuses invalid bytes", () => {
    expect(decodeUtf8(new TextEncoder().encode('{"s":"é – \uFFFD"}'))).toBe('{"s":"é – \uFFFD"}');
    expect(decodeUtf8(new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]))).toBeNull();
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe("{}");
  });
});
