// The embedded authorization server's discovery documents and its only way in for clients:
// RFC 7591 registration with the portal's initial access token, RFC 7592 read, update, delete.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestDb } from "../testing/setup-test-db";
import { SMART_CAPABILITIES } from "./smart-configuration";
import { startTestAuthServer, type TestAuthServer } from "./test-server.test-util";

const t = setupTestDb();
let as: TestAuthServer;

beforeAll(async () => {
  as = await startTestAuthServer(t.db);
});
afterAll(async () => {
  await as?.close();
});

const backendClient = (scope: string) => ({
  client_name: "Payer exchange",
  grant_types: ["client_credentials"],
  token_endpoint_auth_method: "private_key_jwt",
  jwks: { keys: [{ kty: "EC", crv: "P-384", x: "AAAA", y: "AAAA", kid: "k1" }] },
  scope,
});
const publicClient = {
  client_name: "Patient app",
  redirect_uris: ["https://app.example.com/callback"],
  token_endpoint_auth_method: "none",
  scope: "openid fhirUser launch/patient patient/Observation.rs",
};

describe("discovery", () => {
  it("serves the OpenID configuration at <issuer>/.well-known/openid-configuration", async () => {
    const res = await fetch(`${as.issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.issuer).toBe(as.issuer);
    expect(doc.registration_endpoint).toBe(`${as.issuer}/reg`);
    expect(doc.code_challenge_methods_supported).toEqual(["S256"]);
    expect(doc.token_endpoint_auth_signing_alg_values_supported).toEqual(["RS384", "ES384"]);
    expect(doc.scopes_supported).toEqual(
      expect.arrayContaining(["openid", "fhirUser", "launch/patient", "offline_access"]),
    );
    expect(doc.grant_types_supported).toEqual(
      expect.arrayContaining(["authorization_code", "client_credentials", "refresh_token"]),
    );
  });

  it("serves the SMART configuration with the same endpoints and only supported capabilities", async () => {
    const [smart, oidc] = await Promise.all(
      ["smart-configuration", "openid-configuration"].map((name) =>
        fetch(`${as.issuer}/.well-known/${name}`).then((r) => r.json()),
      ),
    );
    for (const field of [
      "issuer",
      "jwks_uri",
      "authorization_endpoint",
      "token_endpoint",
      "introspection_endpoint",
      "revocation_endpoint",
      "registration_endpoint",
    ])
      expect(smart[field], field).toBe(oidc[field]);
    expect(smart.code_challenge_methods_supported).toEqual(["S256"]);
    expect(smart.capabilities).toEqual([...SMART_CAPABILITIES]);
    expect(smart.capabilities).not.toContain("launch-ehr");
    expect(smart.grant_types_supported).toEqual(
      expect.arrayContaining(["authorization_code", "client_credentials"]),
    );
  });
});

describe("RFC 7591 registration", () => {
  it("refuses a registration without the initial access token, or with a wrong one", async () => {
    for (const token of [null, "not-the-token"]) {
      const res = await as.register(backendClient("system/Patient.rs"), token);
      expect(res.status).toBe(401);
      expect((await res.json()).error).toBe("invalid_token");
    }
    expect(await t.db.authServerRecord.count({ where: { kind: "Client" } })).toBe(0);
  });

  it("registers a backend client with the token and echoes its scope ceiling", async () => {
    const res = await as.register(backendClient("system/Patient.rs system/Coverage.rs"));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.client_id).toMatch(/^sw-/);
    expect(body.scope).toBe("system/Patient.rs system/Coverage.rs");
    expect(body.response_types).toEqual([]);
    expect(body.registration_access_token).toEqual(expect.any(String));
    expect(body.registration_client_uri).toBe(`${as.issuer}/reg/${body.client_id}`);
    expect(body.client_secret).toBeUndefined();
  });

  it("takes the client id the portal proposes, once", async () => {
    const first = await as.register({ ...publicClient, client_id: "brightpath-my-health" });
    expect(first.status).toBe(201);
    expect((await first.json()).client_id).toBe("brightpath-my-health");
    const again = await as.register({ ...publicClient, client_id: "brightpath-my-health" });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({
      error: "invalid_client_metadata",
      error_description: "client_id is already registered",
    });
  });

  it("explains what is wrong with bad metadata and stores nothing", async () => {
    const before = await t.db.authServerRecord.count({ where: { kind: "Client" } });
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        backendClient("system/Patient.rs patient/Observation.sr"),
        /not valid SMART scopes.*Observation\.sr/,
      ],
      [
        {
          ...backendClient("system/Patient.rs"),
          jwks: { keys: [{ kty: "EC", crv: "P-384", x: "AAAA", y: "AAAA", d: "AAAA" }] },
        },
        /public keys only.*"d"/,
      ],
      [{ ...publicClient, client_id: "bad id!" }, /client_id/],
      [
        {
          ...publicClient,
          token_endpoint_auth_method: "client_secret_basic",
          client_secret: "short",
        },
        /client_secret/,
      ],
    ];
    for (const [metadata, message] of cases) {
      const res = await as.register(metadata);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error).toBe("invalid_client_metadata");
      expect(body.error_description).toMatch(message);
    }
    expect(await t.db.authServerRecord.count({ where: { kind: "Client" } })).toBe(before);
  });

  it("keeps no secret in the clear: client secrets are encrypted and token ids hashed", async () => {
    const secret = "a-secret-the-portal-showed-once-0123456789";
    const res = await as.register({
      ...publicClient,
      token_endpoint_auth_method: "client_secret_basic",
      client_secret: secret,
    });
    const body = await res.json();
    expect(body.client_secret).toBe(secret);
    const rows = await t.db.authServerRecord.findMany();
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain(body.registration_access_token);
  });
});

describe("RFC 7592 management", () => {
  it("reads, updates and deletes a registration with its registration access token", async () => {
    const created = await (await as.register(backendClient("system/Patient.rs"))).json();
    const auth = { Authorization: `Bearer ${created.registration_access_token}` };
    const read = await fetch(created.registration_client_uri, { headers: auth });
    expect(read.status).toBe(200);
    expect((await read.json()).scope).toBe("system/Patient.rs");

    const { registration_access_token, registration_client_uri, client_id_issued_at, ...rest } =
      created;
    void registration_access_token;
    void registration_client_uri;
    void client_id_issued_at;
    const updated = await fetch(created.registration_client_uri, {
      method: "PUT",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ ...rest, scope: "system/Patient.rs system/Condition.rs" }),
    });
    expect(updated.status).toBe(200);
    const body = await updated.json();
    expect(body.scope).toBe("system/Patient.rs system/Condition.rs");
    // Not rotated: the portal keeps using the token it has.
    expect(body.registration_access_token).toBe(created.registration_access_token);

    const other = await fetch(created.registration_client_uri, {
      headers: { Authorization: "Bearer someone-elses-token" },
    });
    expect(other.status).toBe(401);

    const deleted = await fetch(created.registration_client_uri, {
      method: "DELETE",
      headers: auth,
    });
    expect(deleted.status).toBe(204);
    const gone = await fetch(created.registration_client_uri, { headers: auth });
    expect(gone.status).toBe(401);
  });
});
