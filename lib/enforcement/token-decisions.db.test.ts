// Decisions on real access tokens: a portal app with approved grants, registered at the embedded
// authorization server under the same client id, gets a token with openid-client (SMART Backend
// Services, private_key_jwt); the decision API verifies it and intersects its scopes with the
// app's live grants, so a revocation in the portal denies the token already issued.
import fc from "fast-check";
import { exportJWK, generateKeyPair, importJWK, SignJWT } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKeyRow, createApp, createUser } from "../../prisma/factories";
import type { Actor } from "../actor";
import { revokeGrant } from "../approvals/revoke";
import { startTestAuthServer, type TestAuthServer } from "../authserver/test-server.test-util";
import { setupTestDb } from "../testing/setup-test-db";
import { TOKEN_DENIAL_CODES } from "./access-token";

const t = setupTestDb();
let as: TestAuthServer;
let apiKey: string;
let admin: Actor;
let app: { id: string; clientId: string };
let config: oidc.Configuration;

type Answer = { allow: boolean; reason: string; code?: string };

async function decideOver(
  body: Record<string, unknown>,
): Promise<{ status: number; json: Answer }> {
  const res = await fetch(`${as.origin}/api/v1/decisions`, {
    method: "POST",
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Answer };
}

const observations = { method: "GET", path: "/Observation", query: "category=laboratory" };
const decideFor = async (accessToken: string, request: object = observations) =>
  (await decideOver({ accessToken, request })).json;

/** A token signed with the authorization server's own key, with the claims given. */
async function forge(claims: Record<string, unknown>) {
  const jwk = as.keys.jwks.keys[0]!;
  const key = await importJWK(jwk, "RS256");
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: as.issuer,
    aud: as.fhirBaseUrl,
    client_id: app.clientId,
    scope: "system/Observation.rs",
    iat: now,
    exp: now + 300,
    ...claims,
  })
    .setProtectedHeader({ alg: "RS256", kid: jwk.kid, typ: "at+jwt" })
    .sign(key);
}

/** The same claims with alg "none" and no signature. */
const unsigned = (token: string) =>
  `${Buffer.from('{"alg":"none"}').toString("base64url")}.${token.split(".")[1]}.`;

beforeAll(async () => {
  as = await startTestAuthServer(t.db);
  admin = (await createUser(t.db, { role: "admin" })) as Actor;
  app = await createApp(t.db, { granted: ["system/Observation.rs", "system/Patient.rs"] });
  apiKey = (await createApiKeyRow(t.db, { name: "token decisions" })).key;
  const { publicKey, privateKey } = await generateKeyPair("RS384", { extractable: true });
  // The registration allows more than the portal approved (Condition): the decision must not.
  const res = await as.register({
    client_id: app.clientId,
    client_name: "Lab sync",
    grant_types: ["client_credentials"],
    token_endpoint_auth_method: "private_key_jwt",
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: "k1", alg: "RS384" }] },
    scope: "system/Observation.rs system/Patient.rs system/Condition.rs",
  });
  expect(res.status).toBe(201);
  config = await oidc.discovery(
    new URL(as.issuer),
    app.clientId,
    undefined,
    oidc.PrivateKeyJwt({ key: privateKey, kid: "k1" }),
    { execute: [oidc.allowInsecureRequests] },
  );
}, 60_000);

afterAll(async () => {
  await as?.close();
});

describe("decisions on an access token from the authorization server", () => {
  it("allows what both the token and the app's live grants allow", async () => {
    const { access_token } = await oidc.clientCredentialsGrant(config, {
      scope: "system/Observation.rs",
    });
    expect(await decideFor(access_token)).toMatchObject({
      allow: true,
      reason: "Allowed: search of Observation in system context.",
    });
    // The client id, when sent too, must be the token's.
    expect(
      (
        await decideOver({
          accessToken: access_token,
          clientId: app.clientId,
          request: observations,
        })
      ).json.allow,
    ).toBe(true);
    expect(
      (
        await decideOver({
          accessToken: access_token,
          clientId: "swc_other",
          request: observations,
        })
      ).json,
    ).toMatchObject({ allow: false, code: "token_client_mismatch" });
  });

  it("denies what the token lacks, and what the portal never approved though the token carries it", async () => {
    const { access_token } = await oidc.clientCredentialsGrant(config, {
      scope: "system/Observation.rs system/Condition.rs",
    });
    expect(await decideFor(access_token, { method: "GET", path: "/Patient/1" })).toMatchObject({
      allow: false,
      reason: expect.stringMatching(/the token's scopes do not allow read of Patient/),
    });
    expect(await decideFor(access_token, { method: "GET", path: "/Condition" })).toMatchObject({
      allow: false,
      reason: expect.stringMatching(/no live grant of this app allows search of Condition/),
    });
  });

  it("denies a token issued before the revocation, within a second of it", async () => {
    const { access_token } = await oidc.clientCredentialsGrant(config, {
      scope: "system/Patient.rs",
    });
    const read = { method: "GET", path: "/Patient/1" };
    expect((await decideFor(access_token, read)).allow).toBe(true);
    const grant = await t.db.appScope.findFirstOrThrow({
      where: { appId: app.id, scope: "system/Patient.rs", state: "granted" },
    });
    await revokeGrant(t.db, admin, { appScopeId: grant.id, reason: "The test revokes it." });
    const revokedAt = performance.now();
    let answer = await decideFor(access_token, read);
    while (answer.allow && performance.now() - revokedAt < 1000) {
      await new Promise((r) => setTimeout(r, 20));
      answer = await decideFor(access_token, read);
    }
    expect(answer).toMatchObject({
      allow: false,
      reason: expect.stringMatching(/no live grant of this app allows read of Patient/),
    });
    expect(performance.now() - revokedAt).toBeLessThan(1000);
  });

  it("denies expired, foreign, misdirected and garbage tokens with a code", async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, string][] = [
      [await forge({ exp: now - 120, iat: now - 420 }), "token_expired"],
      [await forge({ aud: "https://other.example.com/fhir" }), "token_wrong_audience"],
      [await forge({ iss: "https://login.example.com/realms/fhir" }), "token_wrong_issuer"],
      [await forge({ nbf: now + 600 }), "token_not_yet_valid"],
      [await forge({ client_id: "swc_nobody" }), "token_unknown_client"],
      [unsigned(await forge({})), "token_malformed"],
      ["garbage token with spaces", "token_malformed"],
    ];
    for (const [token, code] of cases) {
      const { status, json } = await decideOver({ accessToken: token, request: observations });
      expect(status, code).toBe(200);
      expect(json, code).toMatchObject({
        allow: false,
        code,
        reason: expect.stringMatching(/^Denied: /),
      });
    }
  });

  it("answers arbitrary tokens with a denial and never a 5xx", async () => {
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 600 }), async (token) => {
        const { status, json } = await decideOver({ accessToken: token, request: observations });
        expect(status).toBe(200);
        expect(json.allow).toBe(false);
        expect(TOKEN_DENIAL_CODES).toContain(json.code);
        answered++;
      }),
      { numRuns: 40 },
    );
    expect(answered).toBe(40);
  });

  it("asks the issuer about opaque tokens (RFC 7662) when it has introspection credentials", async () => {
    const res = await as.register({
      client_name: "Decision API",
      grant_types: ["client_credentials"],
      token_endpoint_auth_method: "client_secret_basic",
      scope: "system/Patient.rs",
    });
    const { client_id, client_secret } = (await res.json()) as Record<string, string>;
    as.front.enforcement.tokens.configure({
      issuer: as.issuer,
      audience: as.fhirBaseUrl,
      introspection: { clientId: client_id!, clientSecret: client_secret! },
    });
    expect(await decideFor("an-opaque-token-the-server-never-issued")).toMatchObject({
      allow: false,
      code: "token_inactive",
    });
  });
});
