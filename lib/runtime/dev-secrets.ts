// Secrets for development and the embedded demo, generated once into .data/ so sessions, signed
// cookies and issued tokens survive restarts. Production sets its own (see README).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import {
  generateCookieKeys,
  generateRegistrationToken,
  generateSigningJwks,
} from "../authserver/keys";

type Secret = { variable: string; file: string; generate: () => string | Promise<string> };

export const SESSION_SECRET: Secret = {
  variable: "NEXTAUTH_SECRET",
  file: "session-secret",
  generate: () => randomBytes(32).toString("base64url"),
};

/** What the embedded authorization server needs (unless AUTH_ISSUER names an external one). */
export const AUTH_SERVER_SECRETS: Secret[] = [
  {
    variable: "AUTH_REGISTRATION_TOKEN",
    file: "auth-registration-token",
    generate: generateRegistrationToken,
  },
  { variable: "AUTH_COOKIE_KEYS", file: "auth-cookie-keys", generate: generateCookieKeys },
  {
    variable: "AUTH_JWKS",
    file: "auth-jwks.json",
    generate: async () => JSON.stringify(await generateSigningJwks()),
  },
];

/** The value from the environment, else the one kept in `dir` (created on first use). */
export async function developmentSecret(secret: Secret, dir: string): Promise<string> {
  const fromEnv = process.env[secret.variable];
  if (fromEnv) return fromEnv;
  const file = path.join(dir, secret.file);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, await secret.generate(), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}
