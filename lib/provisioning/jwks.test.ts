import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jwksUrlAnswerProblem, pastedJwksProblem } from "./jwks";
import { checkPublicJwks } from "./jwks-rules";

const policy = { allowPrivateTargets: true };
let es384: Record<string, unknown>;
let esPrivate: Record<string, unknown>;
let server: Server;
let base: string;
const documents: Record<string, [number, string]> = {};

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair("ES384", { extractable: true });
  es384 = { ...(await exportJWK(publicKey)), kid: "k1", alg: "ES384" };
  esPrivate = { ...(await exportJWK(privateKey)), kid: "k1" };
  server = createServer((req, res) => {
    const [status, body] = documents[req.url ?? ""] ?? [404, "not found"];
    res.writeHead(status, { "Content-Type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server?.close());

describe("pasted JWKS", () => {
  it("accepts a set with an RS384 or ES384 public key", async () => {
    const { publicKey } = await generateKeyPair("RS384", { extractable: true });
    expect(await pastedJwksProblem({ keys: [es384] })).toBeNull();
    expect(await pastedJwksProblem({ keys: [await exportJWK(publicKey)] })).toBeNull();
  });

  it("refuses private key material without repeating it", () => {
    for (const key of [esPrivate, { kty: "oct", k: "c2VjcmV0" }, { ...es384, p: "x" }]) {
      const checked = checkPublicJwks({ keys: [key] });
      expect(checked).toHaveProperty("problem");
      const problem = (checked as { problem: string }).problem;
      expect(problem).toMatch(/private key material/);
      if ("d" in key) expect(problem).not.toContain(String(key.d));
    }
  });

  it("refuses sets with no usable key, saying why", async () => {
    const cases: [unknown, RegExp][] = [
      [{ nope: [] }, /not a JWK set/],
      [{ keys: [] }, /holds no keys/],
      [{ keys: [{ ...es384, crv: "P-256" }] }, /P-256 is not P-384/],
      [{ keys: [{ ...es384, alg: "RS256" }] }, /RS256 is neither RS384 nor ES384/],
      [{ keys: [{ ...es384, use: "enc" }] }, /not sig/],
      [{ keys: [{ kty: "OKP", crv: "Ed25519", x: "x" }] }, /OKP is neither RSA nor EC/],
      [{ keys: [{ ...es384, x: "AAAA" }] }, /no key that can be read/],
    ];
    for (const [value, message] of cases) expect(await pastedJwksProblem(value)).toMatch(message);
  });
});

describe("JWKS URL", () => {
  it("accepts a URL that answers with a usable key set", async () => {
    documents["/good"] = [200, JSON.stringify({ keys: [es384] })];
    expect(await jwksUrlAnswerProblem(`${base}/good`, { policy, isProduction: false })).toBeNull();
  });

  it("refuses one that does not answer, answers an error, is not JSON, or holds no usable key", async () => {
    documents["/html"] = [200, "<html>"];
    documents["/private"] = [200, JSON.stringify({ keys: [esPrivate] })];
    const check = (path: string) =>
      jwksUrlAnswerProblem(`${base}${path}`, { policy, isProduction: false });
    expect(await check("/missing")).toMatch(/HTTP 404/);
    expect(await check("/html")).toMatch(/not JSON/);
    expect(await check("/private")).toMatch(/private key material/);
    expect(
      await jwksUrlAnswerProblem("http://127.0.0.1:1/jwks", { policy, isProduction: false }),
    ).toMatch(/did not answer/);
  });

  it("refuses plain http in production, and private addresses under a production policy", async () => {
    expect(await jwksUrlAnswerProblem(`${base}/good`, { policy, isProduction: true })).toMatch(
      /https/,
    );
    expect(
      await jwksUrlAnswerProblem("https://127.0.0.1/jwks", {
        policy: { allowPrivateTargets: false },
        isProduction: true,
      }),
    ).toMatch(/did not answer/);
  });
});
