// For tests: the front server with the embedded authorization server on a free port, Next.js
// replaced by a stub that names itself, and the helpers a partner's provisioning would use.
import type { Db } from "../database/client";
import { startFrontServer, type FrontServer } from "../runtime/front-server";
import {
  generateCookieKeys,
  generateRegistrationToken,
  generateSigningJwks,
  deriveEncryptionKey,
  type SigningJwks,
} from "./keys";
import type { EmbeddedAuthServerSettings } from "./settings";

export type TestKeys = { jwks: SigningJwks; cookieKeys: string[]; registrationToken: string };

export async function generateTestKeys(): Promise<TestKeys> {
  return {
    jwks: await generateSigningJwks(),
    cookieKeys: [generateCookieKeys()],
    registrationToken: generateRegistrationToken(),
  };
}

export type TestAuthServer = {
  front: FrontServer;
  origin: string;
  issuer: string;
  fhirBaseUrl: string;
  keys: TestKeys;
  register: (metadata: Record<string, unknown>, token?: string | null) => Promise<Response>;
  close: () => Promise<void>;
};

/** `port` 0 picks a free one; pass the previous port (and keys) to restart "the same" server. */
export async function startTestAuthServer(
  db: Db,
  options: { keys?: TestKeys; port?: number } = {},
): Promise<TestAuthServer> {
  const keys = options.keys ?? (await generateTestKeys());
  let settings: EmbeddedAuthServerSettings | undefined;
  const front = await startFrontServer({
    db,
    port: options.port ?? 0,
    host: "127.0.0.1",
    grantCache: { pollMs: 50 },
    authServer: (origin) => {
      settings = {
        issuer: `${origin}/oauth`,
        fhirBaseUrl: `${origin}/fhir`,
        registrationToken: keys.registrationToken,
        jwks: keys.jwks,
        cookieKeys: keys.cookieKeys,
        encryptionKey: deriveEncryptionKey("test-encryption-key-test-encryption-key"),
        isProduction: false,
      };
      return settings;
    },
    next: async () => ({
      handle: (req, res) => {
        res.writeHead(200, { "Content-Type": "application/json", "X-Handler": "next" });
        res.end(JSON.stringify({ handler: "next", url: req.url }));
      },
      close: async () => {},
    }),
  });
  const issuer = settings!.issuer;
  return {
    front,
    origin: front.origin,
    issuer,
    fhirBaseUrl: settings!.fhirBaseUrl,
    keys,
    register: (metadata, token = keys.registrationToken) =>
      fetch(`${issuer}/reg`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(metadata),
      }),
    close: () => front.close(),
  };
}
