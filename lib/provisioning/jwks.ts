// Checks a backend client's keys before the app is registered: a JWKS URL must answer with a set
// holding a public key jose can import for RS384 or ES384; a pasted set is checked the same way.
import { importJWK } from "jose";
import { guardedFetch, OutboundError, type OutboundPolicy } from "../net";
import { checkPublicJwks, type PublicJwks } from "./jwks-rules";

async function importable(jwks: PublicJwks): Promise<string | null> {
  const failures: string[] = [];
  for (const jwk of jwks.keys) {
    const alg = jwk.kty === "EC" ? "ES384" : "RS384";
    try {
      await importJWK(jwk, alg);
      return null;
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
  }
  return `holds no key that can be read as an ${jwks.keys[0]?.kty === "EC" ? "ES384" : "RS384"} public key (${failures.join("; ")})`;
}

/** The problem with a pasted key set, or null. */
export async function pastedJwksProblem(value: unknown): Promise<string | null> {
  const checked = checkPublicJwks(value);
  if ("problem" in checked) return checked.problem;
  return importable(checked);
}

/** How a partner's JWKS URL is fetched: under the outbound policy; https only in production. */
export type KeyCheck = { policy: OutboundPolicy; isProduction: boolean };

/** The problem with a JWKS URL, or null when it answers with a usable key set. */
export async function jwksUrlAnswerProblem(
  url: string,
  { policy, isProduction }: KeyCheck,
): Promise<string | null> {
  if (isProduction && !url.startsWith("https:")) return "must use https";
  let text: string;
  try {
    const res = await guardedFetch(url, {
      policy,
      timeoutMs: 5_000,
      maxResponseBytes: 256 * 1024,
      maxRedirects: 2,
      headers: { Accept: "application/jwk-set+json, application/json" },
    });
    if (res.status !== 200) return `answered HTTP ${res.status} instead of a key set`;
    text = res.text();
  } catch (error) {
    return `did not answer (${error instanceof OutboundError ? error.message : String(error)})`;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return "answered with something that is not JSON";
  }
  return pastedJwksProblem(json);
}
