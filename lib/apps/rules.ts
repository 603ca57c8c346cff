// Pure rules about app registrations: which URLs are acceptable, and how to describe them.

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

function parse(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** A redirect URI is https (http only for a loopback host), absolute, with no fragment or wildcard. */
export function redirectUriProblem(value: string): string | null {
  if (/\s/.test(value)) return "must not contain spaces";
  if (value.includes("*")) return "must not contain wildcards (*); list each URI exactly";
  const url = parse(value);
  if (!url || !url.host)
    return "is not an absolute URL (it should look like https://app.example.com/callback)";
  if (url.hash || value.includes("#")) return "must not contain a #fragment";
  if (url.username || url.password) return "must not contain a user name or password";
  if (url.protocol === "http:" && !LOOPBACK.has(url.hostname))
    return "must use https (http is allowed only for localhost)";
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must use https";
  return null;
}

/** Launch, homepage and policy pages: https, or http on localhost during development. */
export function webUrlProblem(value: string): string | null {
  const url = parse(value);
  if (!url || !url.host)
    return "is not an absolute URL (it should look like https://app.example.com/)";
  if (url.protocol === "http:" && !LOOPBACK.has(url.hostname)) return "must use https";
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must use https";
  return null;
}

/** A JWKS URL serves the app's public keys: https only, no exceptions. */
export function jwksUrlProblem(value: string): string | null {
  const url = parse(value);
  if (!url || !url.host)
    return "is not an absolute URL (it should look like https://app.example.com/.well-known/jwks.json)";
  if (url.protocol !== "https:") return "must use https, so the keys cannot be swapped in transit";
  if (url.hash) return "must not contain a #fragment";
  return null;
}

/** Splits the redirect-URI box: one per line (commas and spaces also separate). */
export function splitUris(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export const MAX_REDIRECT_URIS = 10;

export const appTypeLabel = {
  patient: "Patient-facing",
  provider: "Provider-facing",
  backend: "Backend service",
} as const;
export const clientTypeLabel = {
  public: "Public",
  confidential: "Confidential",
  backend: "Backend (JWKS)",
} as const;
export const launchModeLabel = {
  standalone: "Standalone",
  ehr: "Launched from the EHR or portal",
} as const;

/** Backend services and only they use the backend client type; the form shows this as you choose. */
export function clientTypeProblem(
  appType: "patient" | "provider" | "backend",
  clientType: "public" | "confidential" | "backend",
): string | null {
  const isBackend = appType === "backend";
  if (isBackend === (clientType === "backend")) return null;
  return isBackend
    ? "A backend service authenticates with its JWKS: choose the backend client type."
    : "The backend client type is for backend services; choose public or confidential.";
}
