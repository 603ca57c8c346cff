import { describe, expect, it } from "vitest";
import { jwksUrlProblem, redirectUriProblem, splitUris, webUrlProblem } from "./rules";

describe("redirectUriProblem", () => {
  it.each([
    "https://app.example.com/callback",
    "https://app.example.com:8443/cb?x=1",
    "http://localhost:3000/callback",
    "http://127.0.0.1/cb",
    "http://[::1]:8080/cb",
  ])("accepts %s", (uri) => expect(redirectUriProblem(uri)).toBeNull());

  it.each([
    ["http://app.example.com/cb", /https/],
    ["https://app.example.com/cb#done", /fragment/],
    ["https://*.example.com/cb", /wildcard/],
    ["app.example.com/cb", /absolute/],
    ["javascript:alert(1)", /absolute|https/],
    ["https://user:pw@app.example.com/cb", /user name/],
    ["ftp://app.example.com/cb", /https/],
  ])("refuses %s", (uri, message) => expect(redirectUriProblem(uri)).toMatch(message));
});

describe("other URLs", () => {
  it("require https for JWKS, even on localhost", () => {
    expect(jwksUrlProblem("https://keys.example.com/jwks.json")).toBeNull();
    expect(jwksUrlProblem("http://localhost/jwks.json")).toMatch(/https/);
  });

  it("allow http launch URLs only on localhost", () => {
    expect(webUrlProblem("http://localhost:9000/launch")).toBeNull();
    expect(webUrlProblem("http://app.example.com/launch")).toMatch(/https/);
  });

  it("split the redirect box on lines, commas and spaces", () => {
    expect(splitUris(" https://a.test/cb\n\nhttps://b.test/cb, https://c.test/cb ")).toEqual([
      "https://a.test/cb",
      "https://b.test/cb",
      "https://c.test/cb",
    ]);
  });
});
