// The demo's backend service: a PayerLink app with a DEMO key pair, approved for a few system/
// scopes, so `npm run demo:token` can get a real SMART Backend Services token from the embedded
// authorization server. The private key is kept in .data/ (git-ignored) and is for the demo only;
// the portal stores only the public half.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import { z } from "zod";
import type { Actor } from "../lib/actor";
import { registerApp } from "../lib/apps/service";
import { decideRequest } from "../lib/approvals/decide";
import type { Db } from "../lib/database/client";

/** Where the demo private key is kept: .data/ unless DEMO_BACKEND_KEY_FILE says otherwise (e2e). */
export const DEMO_BACKEND_KEY_FILE =
  process.env.DEMO_BACKEND_KEY_FILE ?? path.join(".data", "demo-backend-key.json");
export const DEMO_BACKEND_SCOPES = ["system/Patient.rs", "system/Observation.rs"];
/** Requested too, but left waiting for approval: asking for it shows invalid_scope. */
export const DEMO_BACKEND_PENDING = ["system/Coverage.rs"];
const KID = "demo-es384";

export const ZDemoBackendKey = z.object({
  demo: z.literal(true),
  clientId: z.string().min(1),
  alg: z.literal("ES384"),
  kid: z.string().min(1),
  privateJwk: z.looseObject({ kty: z.literal("EC"), d: z.string() }),
});
export type DemoBackendKey = z.infer<typeof ZDemoBackendKey>;

export function readDemoBackendKey(file = DEMO_BACKEND_KEY_FILE): DemoBackendKey {
  return ZDemoBackendKey.parse(JSON.parse(readFileSync(file, "utf8")));
}

/** Registers and approves the demo backend app; writes its demo private key next to the data. */
export async function seedDemoBackend(
  db: Db,
  owner: Actor,
  admin: Actor,
  file = DEMO_BACKEND_KEY_FILE,
): Promise<void> {
  const { publicKey, privateKey } = await generateKeyPair("ES384", { extractable: true });
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: KID, alg: "ES384", use: "sig" }] };
  const { appId, clientId } = await registerApp(db, owner, {
    details: {
      name: "PayerLink Demo Backend (demo key)",
      description:
        "DEMO ONLY: a backend service whose private key is in .data/demo-backend-key.json, for `npm run demo:token`.",
      appType: "backend",
      clientType: "backend",
      launchModes: [],
      redirectUris: "",
      jwks: JSON.stringify(jwks),
    },
    scopes: [...DEMO_BACKEND_SCOPES, ...DEMO_BACKEND_PENDING].join(" "),
    justification: "Demo of SMART Backend Services tokens.",
  });
  const rows = await db.appScope.findMany({ where: { appId }, select: { id: true, scope: true } });
  for (const row of rows.filter((r) => DEMO_BACKEND_SCOPES.includes(r.scope)))
    await decideRequest(db, admin, { kind: "approve", appScopeId: row.id });
  const key: DemoBackendKey = {
    demo: true,
    clientId,
    alg: "ES384",
    kid: KID,
    privateJwk: { ...((await exportJWK(privateKey)) as JWK & { kty: "EC"; d: string }) },
  };
  mkdirSync(path.dirname(file), { recursive: true });
  if (existsSync(file)) console.warn(`Replacing the demo backend key in ${file}.`);
  writeFileSync(file, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600 });
}
