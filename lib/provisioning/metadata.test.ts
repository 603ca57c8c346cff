import { describe, expect, it } from "vitest";
import { clientMetadataOf, scopesBeyond, type ProvisionedApp } from "./metadata";

const live = { appStatus: "active", partnerStatus: "active" } as const;
const base: ProvisionedApp = {
  clientId: "swc_1",
  name: "My app",
  clientType: "public",
  redirectUris: ["https://app.example.com/cb"],
  jwksUrl: null,
  jwks: null,
};

describe("client metadata by client type", () => {
  it("public: authorization code, no client authentication, the granted scopes sorted and deduplicated", () => {
    expect(clientMetadataOf(base, live, ["patient/Observation.rs", "openid", "openid"])).toEqual({
      client_id: "swc_1",
      client_name: "My app",
      grant_types: ["authorization_code"],
      response_types: ["code"],
      redirect_uris: ["https://app.example.com/cb"],
      token_endpoint_auth_method: "none",
      scope: "openid patient/Observation.rs",
    });
  });

  it("confidential: authorization code and refresh tokens, client_secret_basic", () => {
    const m = clientMetadataOf({ ...base, clientType: "confidential" }, live, ["user/Patient.rs"]);
    expect(m.grant_types).toEqual(["authorization_code", "refresh_token"]);
    expect(m.token_endpoint_auth_method).toBe("client_secret_basic");
  });

  it("backend: client_credentials with private_key_jwt and its jwks_uri, or the pasted set", () => {
    const backend = { ...base, clientType: "backend" as const, redirectUris: [] };
    const byUri = clientMetadataOf({ ...backend, jwksUrl: "https://svc.example.com/jwks" }, live, [
      "system/Patient.rs",
    ]);
    expect(byUri).toMatchObject({
      grant_types: ["client_credentials"],
      response_types: [],
      token_endpoint_auth_method: "private_key_jwt",
      jwks_uri: "https://svc.example.com/jwks",
      scope: "system/Patient.rs",
    });
    expect(byUri).not.toHaveProperty("redirect_uris");
    const jwks = { keys: [{ kty: "EC", crv: "P-384", x: "x", y: "y" }] };
    const pasted = clientMetadataOf({ ...backend, jwks }, live, ["system/Patient.rs"]);
    expect(pasted.jwks).toEqual(jwks);
    expect(pasted).not.toHaveProperty("jwks_uri");
  });

  it("gives a suspended app, or an app of a suspended partner, no scopes", () => {
    for (const status of [
      { appStatus: "suspended", partnerStatus: "active" },
      { appStatus: "active", partnerStatus: "suspended" },
    ] as const)
      expect(clientMetadataOf(base, status, ["openid", "patient/Patient.rs"]).scope).toBe("");
  });
});

describe("drift", () => {
  it("lists the registered scopes that were never approved", () => {
    expect(
      scopesBeyond("system/Patient.rs system/*.rs  system/Coverage.rs", ["system/Patient.rs"]),
    ).toEqual(["system/*.rs", "system/Coverage.rs"]);
    expect(scopesBeyond("", ["system/Patient.rs"])).toEqual([]);
  });
});
