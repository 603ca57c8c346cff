// A real gateway: Debian's nginx with docs/nginx/scopewarden.conf in front of a FHIR stub, asking
// the decision server (the portal's enforcement handlers on node:http) over loopback. nginx
// forwards the client's bearer token; the decision server verifies it (a JWT signed with the
// issuer's key) and decides on its client, scopes and launch patient.
import { createServer, type Server } from "node:http";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKeyRow, createApp, createUser } from "../../prisma/factories";
import type { Actor } from "../actor";
import { revokeGrant } from "../approvals/revoke";
import { setupTestDb } from "../testing/setup-test-db";
import { startEnforcementApi, type EnforcementApi } from "./http";
import {
  closeServer as close,
  hasNginx,
  listen,
  nginxMissing,
  startNginxGateway,
  type NginxGateway,
} from "./nginx-gateway.test-util";
import { createDecisionServer } from "./node-server";

if (!hasNginx) console.warn(`SKIPPED the nginx gateway test: ${nginxMissing}`);

describe.skipIf(!hasNginx)("nginx auth_request in front of a FHIR server", () => {
  const t = setupTestDb();
  let api: EnforcementApi;
  let decisionServer: Server;
  let fhirStub: Server;
  let nginx: NginxGateway;
  let gatewayUrl: string;
  const fhirHits: string[] = [];
  let admin: Actor;
  let app: { id: string; clientId: string };
  const tokens: Record<string, string> = {};
  const ISSUER = "https://login.example.com/oauth";
  const AUDIENCE = "https://fhir.example.com/fhir";

  beforeAll(async () => {
    admin = (await createUser(t.db, { role: "admin" })) as Actor;
    app = await createApp(t.db, {
      granted: ["patient/Observation.rs", "launch/patient", "openid"],
    });
    const { key } = await createApiKeyRow(t.db, { name: "nginx test" });

    api = await startEnforcementApi(t.db);
    const { publicKey, privateKey } = await generateKeyPair("RS256");
    api.tokens.configure({
      issuer: ISSUER,
      audience: AUDIENCE,
      jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256" }] },
    });
    const sign = (claims: Record<string, unknown>, expiresIn = 600) =>
      new SignJWT({
        iss: ISSUER,
        aud: AUDIENCE,
        client_id: app.clientId,
        patient: "123",
        ...claims,
      })
        .setProtectedHeader({ alg: "RS256", kid: "k1", typ: "at+jwt" })
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + expiresIn)
        .sign(privateKey);
    tokens.app = await sign({ scope: "launch/patient patient/Observation.rs openid" });
    tokens.narrow = await sign({ scope: "launch/patient openid" });
    tokens.expired = await sign({ scope: "patient/Observation.rs" }, -120);
    decisionServer = createDecisionServer(api);
    const decisionPort = await listen(decisionServer);

    fhirStub = createServer((req, res) => {
      fhirHits.push(`${req.method} ${req.url}`);
      res
        .writeHead(200, { "Content-Type": "application/fhir+json" })
        .end(JSON.stringify({ resourceType: "Bundle", type: "searchset", total: 0 }));
    });
    const fhirPort = await listen(fhirStub);
    nginx = await startNginxGateway({ decisionPort, fhirPort, apiKey: key });
    gatewayUrl = nginx.url;
  }, 60_000);

  afterAll(async () => {
    await nginx?.close();
    await api?.grants.stop();
    await close(decisionServer);
    await close(fhirStub);
  });

  const get = (uri: string, token = tokens.app!) =>
    fetch(`${gatewayUrl}${uri}`, { headers: { Authorization: `Bearer ${token}` } });

  it("lets an allowed request through to the FHIR server", async () => {
    const res = await get("/fhir/Observation?patient=123&category=vital-signs");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ resourceType: "Bundle" });
    expect(fhirHits).toContain("GET /fhir/Observation?patient=123&category=vital-signs");
  });

  it("stops a request the app has no grant for, before it reaches the FHIR server", async () => {
    const before = fhirHits.length;
    const res = await get("/fhir/Condition?patient=123");
    expect(res.status).toBe(403);
    expect(res.headers.get("x-decision-reason")).toMatch(/^Denied: no live grant/);
    const write = await fetch(`${gatewayUrl}/fhir/Observation`, {
      method: "POST",
      headers: { Authorization: `Bearer ${tokens.app}`, "Content-Type": "application/fhir+json" },
      body: "{}",
    });
    expect(write.status).toBe(403);
    expect(fhirHits.length).toBe(before);
  });

  it("denies what the token's scopes do not allow, and tokens it does not know", async () => {
    const narrow = await get("/fhir/Observation?patient=123", tokens.narrow);
    expect(narrow.status).toBe(403);
    expect(narrow.headers.get("x-decision-reason")).toMatch(/the token's scopes do not allow/);
    for (const [token, code] of [
      ["no-such-token", "token_malformed"],
      [tokens.expired!, "token_expired"],
    ]) {
      const res = await get("/fhir/Observation?patient=123", token);
      expect(res.status, code).toBe(401);
      expect(res.headers.get("www-authenticate"), code).toMatch(/^Bearer error="invalid_token"/);
      expect(res.headers.get("x-decision-reason"), code).toMatch(/^Denied: /);
    }
    const none = await fetch(`${gatewayUrl}/fhir/Observation?patient=123`);
    expect(none.status).toBe(403);
    expect(none.headers.get("x-decision-reason")).toMatch(/No access token/);
  });

  it("keeps a patient token to its own patient's compartment", async () => {
    const before = fhirHits.length;
    for (const uri of [
      "/fhir/Observation?patient=456",
      "/fhir/Observation?subject=Patient/456",
      "/fhir/Patient/456/Observation",
    ]) {
      const res = await get(uri);
      expect(res.status, uri).toBe(403);
      expect(res.headers.get("x-decision-reason"), uri).toMatch(/reach only Patient\/123/);
    }
    expect(fhirHits.length).toBe(before);
    expect((await get("/fhir/Patient/123/Observation")).status).toBe(200);
  });

  it("denies the same request within one second of the grant being revoked", async () => {
    expect((await get("/fhir/Observation?patient=123")).status).toBe(200);
    const grant = await t.db.appScope.findFirstOrThrow({
      where: { appId: app.id, scope: "patient/Observation.rs", state: "granted" },
    });
    await revokeGrant(t.db, admin, {
      appScopeId: grant.id,
      reason: "The integration test revokes it.",
    });
    const revokedAt = performance.now();
    let res = await get("/fhir/Observation?patient=123");
    while (res.status !== 403 && performance.now() - revokedAt < 1000) {
      await new Promise((r) => setTimeout(r, 20));
      res = await get("/fhir/Observation?patient=123");
    }
    expect(res.status).toBe(403);
    console.log(`nginx: 403 ${Math.round(performance.now() - revokedAt)} ms after the revocation`);
    expect(performance.now() - revokedAt).toBeLessThan(1000);
    expect(res.headers.get("x-decision-reason")).toMatch(
      /^Denied: no live grant of this app allows search of Observation/,
    );
  });
});
