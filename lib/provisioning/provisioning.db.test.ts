// Approved scopes become real tokens: the portal's own domain functions (register, approve,
// revoke, suspend) followed by the after-response flush, then a certified OAuth client
// (openid-client 6, SMART Backend Services with private_key_jwt) against the embedded AS.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../prisma/factories";
import type { Actor } from "../actor";
import { decideRequest } from "../approvals/decide";
import { revokeGrant } from "../approvals/revoke";
import { setAppStatus, setOrganizationStatus } from "../approvals/suspend";
import { registerApp, rotateClientSecret } from "../apps/service";
import { createEndUser } from "../authserver/accounts";
import { Browser, walkLaunch } from "../authserver/launch.test-util";
import { startTestAuthServer, type TestAuthServer } from "../authserver/test-server.test-util";
import { getProvisioningEnv } from "../env";
import { setupTestDb } from "../testing/setup-test-db";
import { provisioningSealingKey, type ProvisioningTarget } from "./config";
import type { ClientMetadata } from "./metadata";
import { unseal } from "./outbox";
import { reconcileRegistrations } from "./reconcile";
import { readRegistration, updateRegistration } from "./registration-client";
import { restoreApprovedScopes, retryProvisioning, revealIssuedSecret } from "./service";
import { getProvisioningStatus } from "./status";
import { flushProvisioning } from "./sync";

const t = setupTestDb();
const ctx = { appUrl: "http://portal.test" };
let as: TestAuthServer;
let target: ProvisioningTarget;
let admin: Actor;

beforeAll(async () => {
  as = await startTestAuthServer(t.db);
  target = {
    registrationEndpoint: `${as.issuer}/reg`,
    initialAccessToken: as.keys.registrationToken,
    sealingKey: provisioningSealingKey(getProvisioningEnv()),
    policy: { allowPrivateTargets: true },
    timeoutMs: 5_000,
  };
  admin = (await createUser(t.db, { role: "admin" })) as Actor;
});
afterAll(async () => {
  await as?.close();
});

/** What the action pipeline's after-response hook does after every action. */
const afterResponse = () => flushProvisioning(t.db, target);

type Backend = {
  appId: string;
  clientId: string;
  owner: Actor;
  scopeId: (scope: string) => string;
  token: (scope: string) => Promise<oidc.TokenEndpointResponse>;
};

/** The test's administrator approves one of the app's requests; the sync follows on afterResponse(). */
function approve(app: Backend, scope: string) {
  return decideRequest(t.db, admin, { kind: "approve", appScopeId: app.scopeId(scope) }, ctx);
}

async function registerBackend(scopes: string): Promise<Backend> {
  const owner = (await createUser(t.db, { role: "partner" })) as Actor;
  const { publicKey, privateKey } = await generateKeyPair("ES384", { extractable: true });
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: "k1", alg: "ES384" }] };
  const { appId, clientId } = await registerApp(t.db, owner, {
    details: {
      name: `Payer exchange ${Math.random().toString(36).slice(2, 8)}`,
      appType: "backend",
      clientType: "backend",
      launchModes: [],
      redirectUris: "",
      jwks: JSON.stringify(jwks),
    },
    scopes,
    justification: "Payer-to-payer exchange",
  });
  await afterResponse();
  const rows = await t.db.appScope.findMany({ where: { appId } });
  const config = await oidc.discovery(
    new URL(as.issuer),
    clientId,
    undefined,
    oidc.PrivateKeyJwt({ key: privateKey, kid: "k1" }),
    { execute: [oidc.allowInsecureRequests] },
  );
  return {
    appId,
    clientId,
    owner,
    scopeId: (scope) => rows.find((r) => r.scope === scope)!.id,
    token: (scope) => oidc.clientCredentialsGrant(config, { scope }),
  };
}

async function tokenError(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const e = error as { error?: string; cause?: unknown };
    // A 401 arrives as a WWW-Authenticate challenge; its error is in the challenge.
    const challenge = (e.cause as { parameters?: { error?: string } }[] | undefined)?.[0];
    if (!e.error && challenge?.parameters?.error)
      return { ...e, error: challenge.parameters.error };
    return error as { error?: string; error_description?: string };
  }
  throw new Error("expected the token request to fail");
}

const statusOf = async (appId: string) =>
  getProvisioningStatus(t.db, await t.db.app.findUniqueOrThrow({ where: { id: appId } }));

describe("a backend app at the authorization server", () => {
  let app: Backend;
  beforeAll(async () => {
    app = await registerBackend("system/Patient.rs system/Coverage.rs");
  });

  it("gets no token before anything is approved", async () => {
    const status = await statusOf(app.appId);
    expect(status).toMatchObject({ state: "in_sync", isRegistered: false, lastError: null });
    expect(status.syncedVersion).toBe(status.grantsVersion);
    const error = await tokenError(app.token("system/Patient.rs"));
    expect(error.error).toBe("invalid_client");
  });

  it("issues an approved scope within a second of the approval, and still refuses the unapproved one", async () => {
    await approve(app, "system/Patient.rs");
    const committed = performance.now();
    await afterResponse();
    const tokens = await app.token("system/Patient.rs");
    expect(performance.now() - committed).toBeLessThan(1_000);
    expect(tokens.scope).toBe("system/Patient.rs");
    expect(tokens.access_token).toEqual(expect.any(String));
    const refused = await tokenError(app.token("system/Coverage.rs"));
    expect(refused.error).toBe("invalid_scope");
    const status = await statusOf(app.appId);
    expect(status.state).toBe("in_sync");
    expect(status.syncedVersion).toBe(status.grantsVersion);
  });

  it("stops issuing a revoked scope within a second, and keeps issuing the others", async () => {
    await approve(app, "system/Coverage.rs");
    await revokeGrant(t.db, admin, {
      appScopeId: app.scopeId("system/Patient.rs"),
      reason: "No longer needed for the exchange.",
    });
    const committed = performance.now();
    await afterResponse();
    const error = await tokenError(app.token("system/Patient.rs"));
    expect(performance.now() - committed).toBeLessThan(1_000);
    expect(error.error).toBe("invalid_scope");
    expect((await app.token("system/Coverage.rs")).scope).toBe("system/Coverage.rs");
  });

  it("fails token requests with invalid_client within a second of a suspension, and works again when reinstated", async () => {
    const other = await registerBackend("system/Condition.rs");
    await approve(other, "system/Condition.rs");
    await afterResponse();
    expect((await other.token("system/Condition.rs")).scope).toBe("system/Condition.rs");

    await setAppStatus(t.db, admin, {
      appId: other.appId,
      status: "suspended",
      reason: "Security review.",
    });
    const committed = performance.now();
    await afterResponse();
    const error = await tokenError(other.token("system/Condition.rs"));
    expect(performance.now() - committed).toBeLessThan(1_000);
    expect(error.error).toBe("invalid_client");
    expect((await statusOf(other.appId)).isRegistered).toBe(false);

    await setAppStatus(t.db, admin, { appId: other.appId, status: "active" });
    await afterResponse();
    expect((await other.token("system/Condition.rs")).scope).toBe("system/Condition.rs");
  });

  it("fails with invalid_client when the partner organisation is suspended", async () => {
    const other = await registerBackend("system/Encounter.rs");
    await approve(other, "system/Encounter.rs");
    await setOrganizationStatus(t.db, admin, {
      organizationId: other.owner.organizationId!,
      status: "suspended",
      reason: "Contract ended.",
    });
    await afterResponse();
    expect((await tokenError(other.token("system/Encounter.rs"))).error).toBe("invalid_client");
  });
});

describe("a public app at the authorization server", () => {
  it("gets its granted scopes through authorization code with PKCE, and invalid_scope for more", async () => {
    const redirect = "https://myhealth.example.com/callback";
    await createEndUser(t.db, {
      username: "pat@patients.test",
      name: "Pat Lee",
      password: "Correct-Horse-Battery-9",
      kind: "patient",
      fhirUser: "Patient/pat-lee",
      patients: [{ id: "pat-lee", name: "Pat Lee" }],
    });
    const owner = (await createUser(t.db, { role: "partner" })) as Actor;
    const granted = "openid fhirUser launch/patient patient/Observation.rs";
    const { clientId } = await registerApp(t.db, owner, {
      details: {
        name: "My Health",
        appType: "patient",
        clientType: "public",
        launchModes: ["standalone"],
        redirectUris: redirect,
      },
      scopes: granted,
    });
    await afterResponse();
    const config = await oidc.discovery(new URL(as.issuer), clientId, undefined, oidc.None(), {
      execute: [oidc.allowInsecureRequests],
    });
    const launch = async (scope: string) => {
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirect,
        scope,
        state,
        aud: as.fhirBaseUrl,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
      });
      return { url: url.href, verifier, state };
    };
    const ok = await launch(granted);
    const callback = await walkLaunch(new Browser(redirect), as.origin, ok.url, {
      username: "pat@patients.test",
      patient: "pat-lee",
    });
    expect(callback).toBeInstanceOf(URL);
    const tokens = await oidc.authorizationCodeGrant(config, callback as URL, {
      pkceCodeVerifier: ok.verifier,
      expectedState: ok.state,
    });
    expect(tokens.scope?.split(" ").sort()).toEqual(granted.split(" ").sort());
    expect(tokens.patient).toBe("pat-lee");

    const wider = await launch(`${granted} patient/Condition.rs`);
    const refused = (await new Browser(redirect).follow(wider.url)) as URL;
    expect(refused.searchParams.get("error")).toBe("invalid_scope");
  });
});

describe("a confidential app's secret", () => {
  it("works at the AS as shown to the partner, is kept only sealed until delivered, and a rotated one replaces it", async () => {
    const owner = (await createUser(t.db, { role: "partner" })) as Actor;
    const registered = await registerApp(t.db, owner, {
      details: {
        name: "Clinician view",
        appType: "provider",
        clientType: "confidential",
        launchModes: ["standalone"],
        redirectUris: "https://clinician.example.com/callback",
      },
      scopes: "user/Patient.rs openid fhirUser",
    });
    const pending = await t.db.appProvisioning.findUniqueOrThrow({
      where: { appId: registered.appId },
    });
    expect(pending.pendingSecretEnc).toEqual(expect.any(String));
    expect(JSON.stringify(pending)).not.toContain(registered.clientSecret);
    await afterResponse();
    const delivered = await t.db.appProvisioning.findUniqueOrThrow({
      where: { appId: registered.appId },
    });
    expect(delivered.pendingSecretEnc).toBeNull();

    const introspect = async (secret: string) => {
      const config = await oidc.discovery(
        new URL(as.issuer),
        registered.clientId,
        undefined,
        oidc.ClientSecretBasic(secret),
        { execute: [oidc.allowInsecureRequests] },
      );
      return oidc.tokenIntrospection(config, "not-a-token");
    };
    expect((await introspect(registered.clientSecret!)).active).toBe(false);
    expect(
      (await tokenError(introspect("sws_wrong-secret-0123456789abcdef0123456789"))).error,
    ).toBe("invalid_client");

    // Suspended: the client is gone from the AS; reinstated: the same secret works again.
    await setAppStatus(t.db, admin, {
      appId: registered.appId,
      status: "suspended",
      reason: "Review.",
    });
    await afterResponse();
    expect((await tokenError(introspect(registered.clientSecret!))).error).toBe("invalid_client");
    const held = await t.db.appProvisioning.findUniqueOrThrow({
      where: { appId: registered.appId },
    });
    expect(held.pendingSecretEnc).toEqual(expect.any(String));
    await setAppStatus(t.db, admin, { appId: registered.appId, status: "active" });
    await afterResponse();
    expect((await introspect(registered.clientSecret!)).active).toBe(false);

    const { clientSecret } = await rotateClientSecret(t.db, owner, { appId: registered.appId });
    await afterResponse();
    expect((await introspect(clientSecret)).active).toBe(false);
    expect((await tokenError(introspect(registered.clientSecret!))).error).toBe("invalid_client");
  });
});

/** The AS behind a proxy that may rewrite registration requests (`rewrite`) or act first (`before`). */
async function proxyAs(hooks: {
  rewrite?: (body: Record<string, unknown>) => Record<string, unknown>;
  before?: () => Promise<void>;
}) {
  const proxy = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    await hooks.before?.();
    let body = chunks.length ? Buffer.concat(chunks).toString() : undefined;
    if (body && hooks.rewrite) body = JSON.stringify(hooks.rewrite(JSON.parse(body)));
    const upstream = await fetch(`${as.issuer}${req.url!.replace(/^\/proxy/, "")}`, {
      method: req.method,
      headers: {
        ...(req.headers.authorization ? { Authorization: req.headers.authorization } : {}),
        ...(body ? { "Content-Type": "application/json" } : {}),
      },
      body,
    });
    res.writeHead(upstream.status, { "Content-Type": "application/json" });
    res.end(await upstream.text());
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const port = (proxy.address() as AddressInfo).port;
  return {
    target: { ...target, registrationEndpoint: `http://127.0.0.1:${port}/proxy/reg` },
    close: () => proxy.close(),
  };
}

describe("an AS that issues its own client secret", () => {
  it("keeps the AS's secret sealed until the partner reveals it, once, and that secret works", async () => {
    const owner = (await createUser(t.db, { role: "partner" })) as Actor;
    const registered = await registerApp(t.db, owner, {
      details: {
        name: "Own-secret app",
        appType: "provider",
        clientType: "confidential",
        launchModes: ["standalone"],
        redirectUris: "https://own.example.com/callback",
      },
      scopes: "user/Patient.rs openid fhirUser",
    });
    // Like Keycloak's OpenID Connect registration: client_id is taken, client_secret is not.
    const proxy = await proxyAs({
      rewrite: ({ client_secret: _ignored, ...rest }) => (void _ignored, rest),
    });
    try {
      await flushProvisioning(t.db, proxy.target);
    } finally {
      proxy.close();
    }
    const status = await statusOf(registered.appId);
    expect(status).toMatchObject({ state: "in_sync", hasIssuedSecret: true });
    const { clientSecret } = await revealIssuedSecret(t.db, owner, { appId: registered.appId });
    expect(clientSecret).not.toBe(registered.clientSecret);
    const config = await oidc.discovery(
      new URL(as.issuer),
      registered.clientId,
      undefined,
      oidc.ClientSecretBasic(clientSecret),
      { execute: [oidc.allowInsecureRequests] },
    );
    expect((await oidc.tokenIntrospection(config, "not-a-token")).active).toBe(false);
    await expect(revealIssuedSecret(t.db, owner, { appId: registered.appId })).rejects.toThrow(
      /no new client secret/,
    );
    const stranger = (await createUser(t.db, { role: "partner" })) as Actor;
    await expect(revealIssuedSecret(t.db, stranger, { appId: registered.appId })).rejects.toThrow(
      /not found/,
    );
  });
});

describe("the outbox while the AS is down", () => {
  it("queues changes as pending (then failed with the AS's words), applies only the latest state when it returns, and nothing twice", async () => {
    const app = await registerBackend("system/Patient.rs system/Coverage.rs system/Condition.rs");
    const port = Number(new URL(as.origin).port);
    await as.close();
    try {
      await approve(app, "system/Patient.rs");
      expect((await statusOf(app.appId)).state).toBe("pending");
      await afterResponse();
      const failed = await statusOf(app.appId);
      expect(failed.state).toBe("failed");
      expect(failed.lastError).toMatch(/did not answer/);
      expect(failed.syncedVersion).toBeLessThan(failed.grantsVersion);
      await approve(app, "system/Coverage.rs");
      await revokeGrant(t.db, admin, {
        appScopeId: app.scopeId("system/Patient.rs"),
        reason: "Approved by mistake.",
      });
    } finally {
      as = await startTestAuthServer(t.db, { keys: as.keys, port });
    }
    // The recurring job (or the retry button) sends the current state, once.
    await retryProvisioning(t.db, app.owner, { appId: app.appId });
    expect(await afterResponse()).toEqual({ synced: 1, failed: 0 });
    const status = await statusOf(app.appId);
    expect(status).toMatchObject({ state: "in_sync", lastError: null, attempts: 0 });
    expect(status.syncedVersion).toBe(status.grantsVersion);
    expect((await app.token("system/Coverage.rs")).scope).toBe("system/Coverage.rs");
    expect((await tokenError(app.token("system/Patient.rs"))).error).toBe("invalid_scope");
    expect(await afterResponse()).toEqual({ synced: 0, failed: 0 });
  });

  it("reports the AS's error word for word", async () => {
    const owner = (await createUser(t.db, { role: "partner" })) as Actor;
    const { appId } = await registerApp(t.db, owner, {
      details: {
        name: "Refused app",
        appType: "patient",
        clientType: "public",
        launchModes: ["standalone"],
        redirectUris: "https://refused.example.com/callback",
      },
      scopes: "patient/Observation.rs launch/patient",
    });
    await flushProvisioning(t.db, { ...target, initialAccessToken: "not-the-token" });
    const status = await statusOf(appId);
    expect(status.state).toBe("failed");
    expect(status.lastError).toMatch(/^invalid_token/);
    await retryProvisioning(t.db, owner, { appId });
    await afterResponse();
    expect((await statusOf(appId)).state).toBe("in_sync");
  });
});

describe("ordering", () => {
  it("sends a change that arrives while a sync is in flight, instead of losing it", async () => {
    const app = await registerBackend("system/Patient.rs system/Coverage.rs");
    let isHooked = true;
    // The AS, behind a proxy that approves a second scope while the first registration is in flight.
    const proxy = await proxyAs({
      before: async () => {
        if (!isHooked) return;
        isHooked = false;
        await approve(app, "system/Coverage.rs");
      },
    });
    try {
      await approve(app, "system/Patient.rs");
      expect(await flushProvisioning(t.db, proxy.target)).toEqual({ synced: 2, failed: 0 });
    } finally {
      proxy.close();
    }
    expect(isHooked).toBe(false);
    expect((await app.token("system/Coverage.rs")).scope).toBe("system/Coverage.rs");
    const status = await statusOf(app.appId);
    expect(status.state).toBe("in_sync");
    expect(status.syncedVersion).toBe(status.grantsVersion);
  });

  it("lets only one of several concurrent flushes apply a change", async () => {
    const app = await registerBackend("system/Patient.rs");
    await approve(app, "system/Patient.rs");
    const results = await Promise.all([afterResponse(), afterResponse(), afterResponse()]);
    expect(results.reduce((n, r) => n + r.synced, 0)).toBe(1);
    expect((await app.token("system/Patient.rs")).scope).toBe("system/Patient.rs");
  });
});

describe("reconcile", () => {
  it("reads registrations back, reports scopes the AS allows that were never approved, and restores the approved set", async () => {
    const app = await registerBackend("system/Patient.rs");
    await approve(app, "system/Patient.rs");
    await afterResponse();
    const row = await t.db.appProvisioning.findUniqueOrThrow({ where: { appId: app.appId } });
    const handle = {
      registrationClientUri: unseal(row.clientUriEnc!),
      registrationAccessToken: unseal(row.accessTokenEnc!),
    };
    // Someone widens the client at the AS by hand.
    const current = (await readRegistration(target, handle))!.metadata;
    const { registration_client_uri, registration_access_token, client_id_issued_at, ...rest } =
      current;
    void [registration_client_uri, registration_access_token, client_id_issued_at];
    await updateRegistration(target, handle, {
      ...(rest as unknown as ClientMetadata),
      scope: "system/Patient.rs system/*.rs",
    });
    expect((await app.token("system/*.rs")).scope).toBe("system/*.rs");

    const report = await reconcileRegistrations(t.db, target);
    expect(report.drifted).toBeGreaterThanOrEqual(1);
    expect((await statusOf(app.appId)).driftScopes).toEqual(["system/*.rs"]);
    const told = await t.db.notification.findMany({
      where: { userId: admin.id, kind: "provisioning.drift" },
    });
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain("system/*.rs");
    await reconcileRegistrations(t.db, target);
    expect(
      await t.db.notification.count({ where: { userId: admin.id, kind: "provisioning.drift" } }),
    ).toBe(1);

    await restoreApprovedScopes(t.db, admin, { appId: app.appId });
    await afterResponse();
    expect((await tokenError(app.token("system/*.rs"))).error).toBe("invalid_scope");
    await reconcileRegistrations(t.db, target);
    expect((await statusOf(app.appId)).driftScopes).toEqual([]);
  });
});

describe("reconcile during a change", () => {
  it("skips an app whose grants change while its registration is read back, instead of calling the old registration drift", async () => {
    const app = await registerBackend("system/Patient.rs system/Coverage.rs");
    await approve(app, "system/Patient.rs");
    await approve(app, "system/Coverage.rs");
    await afterResponse();
    const drifts = () =>
      t.db.notification.count({ where: { userId: admin.id, kind: "provisioning.drift" } });
    const before = await drifts();

    // The revocation commits (and is even synced) after the read, before the comparison.
    const report = await reconcileRegistrations(t.db, target, {
      afterRead: async (appId) => {
        if (appId !== app.appId) return;
        await revokeGrant(t.db, admin, {
          appScopeId: app.scopeId("system/Coverage.rs"),
          reason: "Coverage is out of scope now.",
        });
        await afterResponse();
      },
    });
    expect(report.changed).toBeGreaterThanOrEqual(1);
    expect((await statusOf(app.appId)).driftScopes).toEqual([]);
    expect(await drifts()).toBe(before);

    // The next pass compares the registration as synced: in step, no drift.
    const next = await reconcileRegistrations(t.db, target);
    expect(next.changed).toBe(0);
    expect((await statusOf(app.appId)).driftScopes).toEqual([]);
    expect((await tokenError(app.token("system/Coverage.rs"))).error).toBe("invalid_scope");
  });
});

describe("bad keys at registration", () => {
  const details = (extra: Record<string, unknown>) => ({
    name: `Keys ${Math.random().toString(36).slice(2, 8)}`,
    appType: "backend" as const,
    clientType: "backend" as const,
    launchModes: [],
    redirectUris: "",
    ...extra,
  });

  it("refuses a pasted private key with a clear message and stores nothing", async () => {
    const owner = (await createUser(t.db, { role: "partner" })) as Actor;
    const { privateKey } = await generateKeyPair("ES384", { extractable: true });
    const jwk = await exportJWK(privateKey);
    const before = await t.db.app.count();
    const error = await registerApp(t.db, owner, {
      details: details({ jwks: JSON.stringify({ keys: [jwk] }) }),
      scopes: "system/Patient.rs",
    }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/private key material.*nothing was stored/);
    expect((error as Error).message).not.toContain(jwk.d!);
    expect(await t.db.app.count()).toBe(before);
  });

  it("refuses a JWKS URL that does not answer", async () => {
    const owner = (await createUser(t.db, { role: "partner" })) as Actor;
    const error = await registerApp(
      t.db,
      owner,
      {
        details: details({ jwksUrl: "https://127.0.0.1:1/jwks.json" }),
        scopes: "system/Patient.rs",
      },
      undefined,
      { policy: { allowPrivateTargets: true }, isProduction: false },
    ).catch((e: unknown) => e as Error);
    expect((error as Error).message).toMatch(/^The JWKS URL did not answer/);
  });
});
