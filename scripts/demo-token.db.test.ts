// The newcomer's path: the demo data, provisioned at the embedded authorization server, gives the
// demo backend app a real token for its approved scopes and invalid_scope for the one still pending.
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestAuthServer, type TestAuthServer } from "../lib/authserver/test-server.test-util";
import { getProvisioningEnv } from "../lib/env";
import { provisioningSealingKey } from "../lib/provisioning/config";
import { flushProvisioning } from "../lib/provisioning/sync";
import { setupTestDb } from "../lib/testing/setup-test-db";
import {
  DEMO_BACKEND_PENDING,
  DEMO_BACKEND_SCOPES,
  readDemoBackendKey,
} from "../prisma/demo-backend";
import { seedDemoData } from "../prisma/seed";
import { requestBackendToken } from "./demo-token-request";

const t = setupTestDb();
let as: TestAuthServer;
const keyFile = path.join(tmpdir(), `sw-demo-backend-${process.pid}-${Date.now()}.json`);

beforeAll(async () => {
  as = await startTestAuthServer(t.db);
  await seedDemoData(t.db, { demoBackendKeyFile: keyFile });
  await flushProvisioning(t.db, {
    registrationEndpoint: `${as.issuer}/reg`,
    initialAccessToken: as.keys.registrationToken,
    sealingKey: provisioningSealingKey(getProvisioningEnv()),
    policy: { allowPrivateTargets: true },
    timeoutMs: 5_000,
  });
});
afterAll(async () => {
  await as?.close();
});

describe("demo:token", () => {
  it("provisions every demo app at the authorization server", async () => {
    const rows = await t.db.appProvisioning.findMany();
    expect(rows.length).toBe(await t.db.app.count());
    expect(rows.filter((r) => r.pendingSince !== null || r.lastError)).toEqual([]);
  });

  it("prints a token for the demo backend's approved scopes", async () => {
    const key = readDemoBackendKey(keyFile);
    expect(key.demo).toBe(true);
    const outcome = await requestBackendToken(as.issuer, key, DEMO_BACKEND_SCOPES.join(" "));
    expect(outcome).toMatchObject({
      ok: true,
      response: {
        scope: DEMO_BACKEND_SCOPES.join(" "),
        token_type: expect.stringMatching(/bearer/i),
      },
    });
    if (outcome.ok) {
      expect(outcome.response.access_token.split(".")).toHaveLength(3);
      expect(outcome.response.expires_in).toBeGreaterThan(0);
    }
  });

  it("gives the AS's invalid_scope for a scope not granted", async () => {
    const outcome = await requestBackendToken(
      as.issuer,
      readDemoBackendKey(keyFile),
      DEMO_BACKEND_PENDING[0]!,
    );
    expect(outcome).toMatchObject({ ok: false, error: { error: "invalid_scope" } });
  });

  it("keeps only the public half of the demo key in the database", async () => {
    const key = readDemoBackendKey(keyFile);
    const app = await t.db.app.findUniqueOrThrow({ where: { clientId: key.clientId } });
    expect(JSON.stringify(app.jwks)).not.toContain(key.privateJwk.d);
  });
});
