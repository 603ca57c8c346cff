// A real gateway: Debian's nginx with docs/nginx/scopewarden.conf in front of a FHIR stub, asking
// the decision server (the portal's enforcement handlers on node:http) over loopback. nginx
// forwards the client's bearer token; the decision server verifies it (a JWT signed with the
// issuer's key) and decides on its client, scopes and launch patient.
import { spawn, type ChildProcess } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  chmodSync,
} from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKeyRow, createApp, createUser } from "../../prisma/factories";
import type { Actor } from "../actor";
import { revokeGrant } from "../approvals/revoke";
import { setupTestDb } from "../testing/setup-test-db";
import { startEnforcementApi, type EnforcementApi } from "./http";
import { createDecisionServer } from "./node-server";

const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
const hasNginx = existsSync(NGINX);
if (!hasNginx) {
  console.warn(
    `SKIPPED the nginx gateway test: ${NGINX} is not installed. Install Debian's nginx-light (apt-get install nginx-light) or set NGINX_PATH.`,
  );
}

const DOCS = path.resolve("docs/nginx");

const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
  );
const close = (server: Server | undefined) =>
  new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await close(probe);
  return port;
}

/** Replaces one documented value, failing loudly when the documented config no longer has it. */
function substitute(text: string, from: string, to: string): string {
  if (!text.includes(from))
    throw new Error(
      `docs/nginx/scopewarden.conf no longer contains "${from}": update this test with it.`,
    );
  return text.replace(from, to);
}

describe.skipIf(!hasNginx)("nginx auth_request in front of a FHIR server", () => {
  const t = setupTestDb();
  let dir: string;
  let api: EnforcementApi;
  let decisionServer: Server;
  let fhirStub: Server;
  let nginx: ChildProcess;
  let nginxLog = "";
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
    const gatewayPort = await freePort();
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;

    dir = mkdtempSync(path.join(tmpdir(), "scopewarden-nginx-"));
    chmodSync(dir, 0o755);
    for (const sub of ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]) {
      mkdirSync(path.join(dir, sub));
      chmodSync(path.join(dir, sub), 0o777);
    }
    let site = readFileSync(path.join(DOCS, "scopewarden.conf"), "utf8");
    site = substitute(site, "server 127.0.0.1:3300;", `server 127.0.0.1:${decisionPort};`);
    site = substitute(site, "server 127.0.0.1:8080;", `server 127.0.0.1:${fhirPort};`);
    site = substitute(site, "listen 8000;", `listen 127.0.0.1:${gatewayPort};`);
    site = substitute(site, "swk_000000000000_REPLACE-WITH-A-GATEWAY-KEY-FROM-ADMIN-GATEWAYS", key);
    writeFileSync(path.join(dir, "scopewarden.conf"), site);
    const isRoot = process.getuid?.() === 0;
    writeFileSync(
      path.join(dir, "nginx.conf"),
      [
        "daemon off;",
        "worker_processes 1;",
        isRoot ? "user root root;" : "",
        `pid ${dir}/nginx.pid;`,
        `error_log ${dir}/error.log warn;`,
        "events { worker_connections 128; }",
        "http {",
        "  access_log off;",
        `  client_body_temp_path ${dir}/client_body;`,
        `  proxy_temp_path ${dir}/proxy;`,
        `  fastcgi_temp_path ${dir}/fastcgi;`,
        `  uwsgi_temp_path ${dir}/uwsgi;`,
        `  scgi_temp_path ${dir}/scgi;`,
        `  include ${dir}/scopewarden.conf;`,
        "}",
      ].join("\n"),
    );

    nginx = spawn(
      NGINX,
      ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log")],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    nginx.stderr?.on("data", (chunk: Buffer) => (nginxLog += chunk.toString()));
    const started = Date.now();
    for (;;) {
      if (nginx.exitCode !== null)
        throw new Error(
          `nginx exited (${nginx.exitCode}): ${nginxLog}${existsSync(path.join(dir, "error.log")) ? readFileSync(path.join(dir, "error.log"), "utf8") : ""}`,
        );
      const ok = await fetch(`${gatewayUrl}/fhir/metadata`).then(
        () => true,
        () => false,
      );
      if (ok) break;
      if (Date.now() - started > 10_000) throw new Error(`nginx did not start: ${nginxLog}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 60_000);

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx.once("exit", resolve));
      nginx.kill("SIGQUIT");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (nginx.exitCode === null) nginx.kill("SIGKILL");
    }
    await api?.grants.stop();
    await close(decisionServer);
    await close(fhirStub);
    if (dir) rmSync(dir, { recursive: true, force: true });
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
