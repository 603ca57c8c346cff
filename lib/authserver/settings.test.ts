import { describe, expect, it } from "vitest";
import type { Env } from "../env";
import { generateCookieKeys, generateSigningJwks, parseCookieKeys, parseSigningJwks } from "./keys";
import { authServerConfig, tokenVerificationOf } from "./settings";

const base = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://x",
  NEXTAUTH_SECRET: "s".repeat(32),
  APP_URL: "https://partners.example.com/",
} as Env;

describe("authorization server settings", () => {
  it("uses an external issuer when AUTH_ISSUER is set, and needs no keys then", () => {
    expect(
      authServerConfig({ ...base, AUTH_ISSUER: "https://login.example.com/realms/fhir/" }),
    ).toEqual({
      mode: "external",
      issuer: "https://login.example.com/realms/fhir",
    });
  });

  it("serves the embedded one at <APP_URL>/oauth with tokens for <APP_URL>/fhir by default", async () => {
    const config = authServerConfig({
      ...base,
      AUTH_REGISTRATION_TOKEN: "r".repeat(40),
      AUTH_JWKS: JSON.stringify(await generateSigningJwks()),
      AUTH_COOKIE_KEYS: generateCookieKeys(),
    });
    expect(config).toMatchObject({
      mode: "embedded",
      issuer: "https://partners.example.com/oauth",
      fhirBaseUrl: "https://partners.example.com/fhir",
      isProduction: true,
    });
  });

  it("names each missing or malformed variable", async () => {
    expect(() => authServerConfig(base)).toThrow(
      /AUTH_REGISTRATION_TOKEN, AUTH_JWKS, AUTH_COOKIE_KEYS must be set/,
    );
    expect(() => parseSigningJwks("{")).toThrow(/AUTH_JWKS is not JSON/);
    const jwks = await generateSigningJwks();
    const { d: _d, ...publicOnly } = jwks.keys[0]!;
    expect(() => parseSigningJwks(JSON.stringify({ keys: [publicOnly] }))).toThrow(/private key/);
    expect(() => parseSigningJwks(JSON.stringify({ keys: [] }))).toThrow(/no keys/);
    expect(() => parseCookieKeys("short")).toThrow(/32\+ characters/);
    expect(parseCookieKeys(`${"a".repeat(32)}, ${"b".repeat(32)}`)).toHaveLength(2);
  });

  it("tells the decision API whose tokens to verify, for which audience, introspecting as whom", () => {
    expect(tokenVerificationOf(base)).toEqual({ audience: "https://partners.example.com/fhir" });
    expect(
      tokenVerificationOf({
        ...base,
        AUTH_ISSUER: "https://login.example.com/realms/fhir/",
        FHIR_BASE_URL: "https://fhir.example.com/r4/",
        AUTH_INTROSPECTION_CLIENT_ID: "scopewarden",
        AUTH_INTROSPECTION_CLIENT_SECRET: "secret",
      }),
    ).toEqual({
      issuer: "https://login.example.com/realms/fhir",
      audience: "https://fhir.example.com/r4",
      introspection: { clientId: "scopewarden", clientSecret: "secret" },
    });
    expect(() => tokenVerificationOf({ ...base, AUTH_INTROSPECTION_CLIENT_ID: "x" })).toThrow(
      /go together: set both/,
    );
  });
});
