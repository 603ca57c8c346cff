// SMART Backend Services against the embedded authorization server with a certified client
// (openid-client 6): private_key_jwt with RS384 and ES384, keys inline or from a jwks_uri, exactly
// the registered scopes and invalid_scope for anything else, RFC 7592 changes to the ceiling on
// the next request, introspection, revocation, and tokens that outlive a restart.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestDb } from "../testing/setup-test-db";
import { startTestAuthServer, type TestAuthServer } from "./test-server.test-util";

const t = setupTestDb();
let as: TestAuthServer;
let jwksServer: Server;

type Backend = {
  clientId: string;
  config: oidc.Configuration;
  registration: Record<string, string>;
};

async function keyPair(alg: "RS384" | "ES384", kid: string) {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg }] } };
}

async function registerBackend(
  scope: string,
  keys: { jwks: { keys: object[] } } | { jwksUri: string },
  privateKey: CryptoKey,
  kid: string,
): Promise<Backend> {
  const res = await as.register({
    client_name: "Backend",
    grant_types: ["client_credentials"],
    token_endpoint_auth_method: "private_key_jwt",
    ...("jwks" in keys ? { jwks: keys.jwks } : { jwks_uri: keys.jwksUri }),
    scope,
  });
  expect(res.status).toBe(201);
  const registration = await res.json();
  const config = await oidc.discovery(
    new URL(as.issuer),
    registration.client_id,
    undefined,
    oidc.PrivateKeyJwt({ key: privateKey, kid }),
    { execute: [oidc.allowInsecureRequests] },
  );
  return { clientId: registration.client_id, config, registration };
}

async function tokenError(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as { error?: string; error_description?: string };
  }
  throw new Error("expected the token request to fail");
}

let rs: Backend;
let es: Backend;

beforeAll(async () => {
  as = await startTestAuthServer(t.db);
  const rsKeys = await keyPair("RS384", "rs-1");
  rs = await registerBackend(
    "system/Patient.rs system/Coverage.rs",
    rsKeys,
    rsKeys.privateKey,
    "rs-1",
  );
  const esKeys = await keyPair("ES384", "es-1");
  jwksServer = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify(esKeys.jwks));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, "127.0.0.1", resolve));
  const jwksUri = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
  es = await registerBackend(
    "system/Observation.rs?category=laboratory",
    { jwksUri },
    esKeys.privateKey,
    "es-1",
  );
});

afterAll(async () => {
  await as?.close();
  jwksServer?.close();
});

describe("client_credentials with private_key_jwt", () => {
  it("issues a JWT for exactly the registered scopes (RS384, inline jwks)", async () => {
    const tokens = await oidc.clientCredentialsGrant(rs.config, {
      scope: "system/Patient.rs system/Coverage.rs",
    });
    expect(tokens.scope).toBe("system/Patient.rs system/Coverage.rs");
    expect(tokens.token_type.toLowerCase()).toBe("bearer");
    expect(tokens.expires_in).toBeLessThanOrEqual(300);
    const jwks = createRemoteJWKSet(new URL(`${as.issuer}/jwks`));
    const { payload, protectedHeader } = await jwtVerify(tokens.access_token, jwks, {
      issuer: as.issuer,
      audience: as.fhirBaseUrl,
    });
    expect(protectedHeader.typ).toBe("at+jwt");
    expect(payload).toMatchObject({
      client_id: rs.clientId,
      scope: "system/Patient.rs system/Coverage.rs",
    });
  });

  it("grants a subset when asked for less (ES384, keys from a jwks_uri)", async () => {
    const rsSubset = await oidc.clientCredentialsGrant(rs.config, { scope: "system/Coverage.rs" });
    expect(rsSubset.scope).toBe("system/Coverage.rs");
    // SMART v1 spelling of a registered v2 scope: granted, as registered.
    const v1 = await oidc.clientCredentialsGrant(rs.config, { scope: "system/Patient.read" });
    expect(v1.scope).toBe("system/Patient.rs");
    const tokens = await oidc.clientCredentialsGrant(es.config, {
      scope: "system/Observation.rs?category=laboratory",
    });
    expect(tokens.scope).toBe("system/Observation.rs?category=laboratory");
  });

  it("refuses scopes outside the registration with invalid_scope, naming the scope", async () => {
    const cases: [string, RegExp][] = [
      [
        "system/Patient.rs system/Observation.rs",
        /system\/Observation\.rs is not among the scopes registered/,
      ],
      ["system/Observation.rs", /not among the scopes registered/],
      ["system/Patient.sr", /not a valid SMART scope/],
      ["launch", /not supported/],
    ];
    for (const [scope, message] of cases) {
      const error = await tokenError(oidc.clientCredentialsGrant(rs.config, { scope }));
      expect(error.error, scope).toBe("invalid_scope");
      expect(error.error_description, scope).toMatch(message);
    }
    const unnarrowed = await tokenError(
      oidc.clientCredentialsGrant(es.config, { scope: "system/Observation.rs" }),
    );
    expect(unnarrowed.error).toBe("invalid_scope");
    const none = await tokenError(oidc.clientCredentialsGrant(rs.config, {}));
    expect(none.error).toBe("invalid_scope");
  });

  it("applies an RFC 7592 update of the ceiling on the very next token request", async () => {
    const update = (scope: string) =>
      fetch(rs.registration.registration_client_uri!, {
        method: "PUT",
        headers: {
          Authorization: `Bearer ${rs.registration.registration_access_token}`,
          "Content-Type": "application/json",
        },
        body: JSON.stringify({
          client_id: rs.clientId,
          client_name: "Backend",
          grant_types: ["client_credentials"],
          token_endpoint_auth_method: "private_key_jwt",
          jwks: rs.registration.jwks,
          scope,
        }),
      });
    expect((await update("system/Patient.rs")).status).toBe(200);
    const narrowed = await tokenError(
      oidc.clientCredentialsGrant(rs.config, { scope: "system/Coverage.rs" }),
    );
    expect(narrowed.error).toBe("invalid_scope");
    expect((await update("system/Patient.rs system/Coverage.rs system/Condition.rs")).status).toBe(
      200,
    );
    const widened = await oidc.clientCredentialsGrant(rs.config, { scope: "system/Condition.rs" });
    expect(widened.scope).toBe("system/Condition.rs");
  });

  it("rejects an assertion signed with a key the client did not register", async () => {
    const stranger = await keyPair("RS384", "rs-1");
    const config = await oidc.discovery(
      new URL(as.issuer),
      rs.clientId,
      undefined,
      oidc.PrivateKeyJwt({ key: stranger.privateKey, kid: "rs-1" }),
      { execute: [oidc.allowInsecureRequests] },
    );
    const error = await tokenError(
      oidc.clientCredentialsGrant(config, { scope: "system/Patient.rs" }),
    );
    expect(error.error).toBe("invalid_client");
  });
});

describe("introspection and revocation", () => {
  it("introspects an issued token as active and a revoked one as inactive", async () => {
    const tokens = await oidc.clientCredentialsGrant(rs.config, { scope: "system/Patient.rs" });
    const active = await oidc.tokenIntrospection(rs.config, tokens.access_token);
    expect(active).toMatchObject({
      active: true,
      client_id: rs.clientId,
      scope: "system/Patient.rs",
      aud: as.fhirBaseUrl,
      iss: as.issuer,
    });
    await oidc.tokenRevocation(rs.config, tokens.access_token);
    expect((await oidc.tokenIntrospection(rs.config, tokens.access_token)).active).toBe(false);
  });

  it("keeps issued tokens across a restart (state in the database, keys shared)", async () => {
    const tokens = await oidc.clientCredentialsGrant(rs.config, { scope: "system/Patient.rs" });
    const port = new URL(as.origin).port;
    await as.close();
    as = await startTestAuthServer(t.db, { keys: as.keys, port: Number(port) });
    const after = await oidc.tokenIntrospection(rs.config, tokens.access_token);
    expect(after).toMatchObject({ active: true, client_id: rs.clientId });
    const again = await oidc.clientCredentialsGrant(rs.config, { scope: "system/Coverage.rs" });
    expect(again.scope).toBe("system/Coverage.rs");
  });
});
