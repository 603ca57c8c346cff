import { describe, expect, it } from "vitest";
import { ZCreateEndpoint } from "./schemas";

const parse = (url: string) => ZCreateEndpoint.safeParse({ url, events: ["grant.approved"] });

describe("endpoint URLs", () => {
  it("accept https anywhere and http only on this machine", () => {
    expect(parse("https://gateway.example.com/hooks").success).toBe(true);
    expect(parse("http://localhost:4000/hooks").success).toBe(true);
    expect(parse("http://127.0.0.1:4000/hooks").success).toBe(true);
    const plain = parse("http://gateway.example.com/hooks");
    expect(plain.success).toBe(false);
    expect(plain.error?.issues[0]?.message).toMatch(/https/);
    expect(parse("ftp://example.com").success).toBe(false);
    expect(parse("not a url").success).toBe(false);
    expect(parse("https://user:pw@example.com").success).toBe(false);
  });

  it("needs at least one known event, and keeps each once", () => {
    expect(ZCreateEndpoint.safeParse({ url: "https://x.example", events: [] }).success).toBe(false);
    expect(
      ZCreateEndpoint.safeParse({ url: "https://x.example", events: ["grant.exploded"] }).success,
    ).toBe(false);
    expect(
      ZCreateEndpoint.parse({
        url: "https://x.example",
        events: ["grant.revoked", "app.suspended", "grant.revoked"],
      }).events,
    ).toEqual(["app.suspended", "grant.revoked"]);
  });
});
