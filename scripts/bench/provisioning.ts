/**
 * Approval-to-token benchmark:  npm run bench:provisioning [-- --apps 1000 --backend postgres|pglite]
 *
 * In a throwaway database, registers `--apps` backend apps through the portal's own domain
 * functions (registerApp, decideRequest), each with one approved system/ scope so it is registered
 * at the embedded authorization server (in this process, on a free port). Then, app by app, an
 * admin approves a second scope; the clock starts when that approval has committed and stops when
 * a SMART Backend Services token request (openid-client, private_key_jwt ES384) for the new scope
 * succeeds. In between runs exactly what the action pipeline runs after the approval: the
 * after-response provisioning flush (an RFC 7592 update at the AS). Prints median, p90, p99, max,
 * then decision throughput with JWT access tokens against tokenScopes (scripts/bench/token-throughput.ts).
 */
import { parseArgs } from "node:util";
import { exportJWK, generateKeyPair } from "jose";
import * as oidc from "openid-client";
import { z } from "zod";
import { createUser } from "../../prisma/factories";
import type { Actor } from "../../lib/actor";
import { registerApp } from "../../lib/apps/service";
import { decideRequest } from "../../lib/approvals/decide";
import { startTestAuthServer } from "../../lib/authserver/test-server.test-util";
import { createPrismaClient } from "../../lib/database/client";
import { createTestDatabase } from "../../lib/database/test-database";
import { getProvisioningEnv } from "../../lib/env";
import { provisioningSealingKey } from "../../lib/provisioning/config";
import { flushProvisioning } from "../../lib/provisioning/sync";
import { benchTokenThroughput, printTokenThroughput } from "./token-throughput";

const ZArgs = z.object({
  apps: z.coerce.number().int().min(10).max(100_000).default(1000),
  backend: z.enum(["postgres", "pglite"]).default("postgres"),
});
const { values } = parseArgs({
  options: { apps: { type: "string" }, backend: { type: "string" } },
});
const args = ZArgs.parse(values);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const database = await createTestDatabase({ backend: args.backend });
const db = createPrismaClient(database.url, { poolSize: 5 });
const as = await startTestAuthServer(db);
const target = {
  registrationEndpoint: `${as.issuer}/reg`,
  initialAccessToken: as.keys.registrationToken,
  sealingKey: provisioningSealingKey(getProvisioningEnv()),
  policy: { allowPrivateTargets: true },
  timeoutMs: 10_000,
};
const afterResponse = () => flushProvisioning(db, target);
const ctx = { appUrl: "http://portal.bench" };

try {
  const admin = (await createUser(db, { role: "admin" })) as Actor;
  const { publicKey, privateKey } = await generateKeyPair("ES384", { extractable: true });
  const jwks = JSON.stringify({
    keys: [{ ...(await exportJWK(publicKey)), kid: "bench", alg: "ES384" }],
  });
  const discovered = await oidc.discovery(
    new URL(as.issuer),
    "discovery-only",
    undefined,
    undefined,
    {
      execute: [oidc.allowInsecureRequests],
    },
  );
  const serverMetadata = discovered.serverMetadata();

  console.log(`Setting up ${args.apps} backend apps on ${args.backend}…`);
  const setupStarted = performance.now();
  const apps: { clientId: string; pendingId: string }[] = [];
  const owners: Actor[] = [];
  for (let i = 0; i < Math.ceil(args.apps / 50); i++)
    owners.push((await createUser(db, { role: "partner" })) as Actor);
  for (let i = 0; i < args.apps; i++) {
    const { appId, clientId } = await registerApp(db, owners[i % owners.length]!, {
      details: {
        name: `Bench backend ${i}`,
        appType: "backend",
        clientType: "backend",
        launchModes: [],
        redirectUris: "",
        jwks,
      },
      scopes: "system/Patient.rs system/Coverage.rs",
      justification: "Benchmark",
    });
    const rows = await db.appScope.findMany({
      where: { appId },
      select: { id: true, scope: true },
    });
    const patient = rows.find((r) => r.scope === "system/Patient.rs")!;
    await decideRequest(db, admin, { kind: "approve", appScopeId: patient.id }, ctx);
    apps.push({ clientId, pendingId: rows.find((r) => r.scope === "system/Coverage.rs")!.id });
    if (i % 50 === 49) await afterResponse();
  }
  await afterResponse();
  console.log(`Set up in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s.`);

  const latencies: number[] = [];
  const syncs: number[] = [];
  let retries = 0;
  for (const app of apps) {
    const config = new oidc.Configuration(
      serverMetadata,
      app.clientId,
      undefined,
      oidc.PrivateKeyJwt({ key: privateKey, kid: "bench" }),
    );
    oidc.allowInsecureRequests(config);
    await decideRequest(db, admin, { kind: "approve", appScopeId: app.pendingId }, ctx);
    const committed = performance.now();
    await afterResponse();
    syncs.push(performance.now() - committed);
    for (;;) {
      try {
        const tokens = await oidc.clientCredentialsGrant(config, { scope: "system/Coverage.rs" });
        if (tokens.scope !== "system/Coverage.rs") throw new Error(`got ${tokens.scope}`);
        break;
      } catch (error) {
        retries++;
        if (performance.now() - committed > 10_000) throw error;
      }
    }
    latencies.push(performance.now() - committed);
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  console.log(
    `\nApproval commit → successful token with the new scope, over ${sorted.length} apps:`,
  );
  console.log(`  median ${ms(percentile(sorted, 50))}`);
  console.log(`  p90    ${ms(percentile(sorted, 90))}`);
  console.log(`  p99    ${ms(percentile(sorted, 99))}`);
  console.log(`  max    ${ms(sorted.at(-1)!)}`);
  const syncSorted = [...syncs].sort((a, b) => a - b);
  console.log(
    `  of which the sync at the AS (RFC 7592 update): median ${ms(percentile(syncSorted, 50))}, p99 ${ms(percentile(syncSorted, 99))}`,
  );
  console.log(`  token requests that had to be repeated: ${retries}`);
  console.log(`  target p99 ≤ 1000 ms: ${percentile(sorted, 99) <= 1000 ? "met" : "NOT met"}`);
} finally {
  await as.close();
  await db.$disconnect();
  await database.drop();
}

// The other half of the cost of tokens: verifying them on every decision, against the same
// requests with gateway-asserted tokenScopes, in the same run.
printTokenThroughput(await benchTokenThroughput({ apps: 1000 }), 3, 5);
