import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkTokenClaims, TOKEN_DENIAL_CODES } from "./access-token";
import { compileClientGrants, compileToken, decide } from "./decide";
import { needOfRequest } from "./fhir-request";
import { TokenVerifier } from "./token-verifier";

const ISSUER = "https://portal.example.com/oauth";
const FHIR = "https://portal.example.com/fhir";
const expected = { issuer: ISSUER, audience: FHIR };
const NOW = 1_900_000_000;
const good = {
  iss: ISSUER,
  aud: FHIR,
  exp: NOW + 300,
  client_id: "swc_app",
  scope: "launch/patient patient/Observation.rs",
  patient: "sam-rivera",
};

describe("checkTokenClaims", () => {
  it("accepts a token for this issuer and FHIR server, with its client, scopes and patient", () => {
    expect(checkTokenClaims(good, expected, NOW)).toEqual({
      ok: true,
      clientId: "swc_app",
      scope: "launch/patient patient/Observation.rs",
      patient: "sam-rivera",
      expiresAt: NOW + 300 + 30,
    });
    // aud as an array, a trailing slash, azp instead of client_id, scp instead of scope
    const { client_id: _, scope: __, ...rest } = good;
    expect(
      checkTokenClaims(
        { ...rest, aud: ["other", `${FHIR}/`], azp: "kc-app", scp: ["a/b.r"] },
        expected,
        NOW,
      ),
    ).toMatchObject({ ok: true, clientId: "kc-app", scope: "a/b.r" });
  });

  it("names each way a token fails with its own code", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, iss: "https://evil.example.com/oauth" }, "token_wrong_issuer"],
      [{ ...good, iss: undefined }, "token_wrong_issuer"],
      [{ ...good, aud: "https://portal.example.com/other-fhir" }, "token_wrong_audience"],
      [{ ...good, aud: "swc_app" }, "token_wrong_audience"], // an ID token's audience
      [{ ...good, exp: NOW - 31 }, "token_expired"],
      [{ ...good, exp: "soon" }, "token_malformed"],
      [{ ...good, nbf: NOW + 120 }, "token_not_yet_valid"],
      [{ ...good, client_id: undefined }, "token_no_client"],
      [{ ...good, scope: 42 }, "token_malformed"],
      [{ ...good, patient: "../Patient/other" }, "token_malformed"],
    ];
    for (const [claims, code] of cases) {
      const result = checkTokenClaims(claims, expected, NOW);
      expect(result, code).toMatchObject({
        ok: false,
        code,
        reason: expect.stringMatching(/^Denied: /),
      });
    }
  });

  it("tolerates 30 seconds of clock skew, not more", () => {
    expect(checkTokenClaims({ ...good, exp: NOW - 29 }, expected, NOW).ok).toBe(true);
    expect(checkTokenClaims({ ...good, nbf: NOW + 29 }, expected, NOW).ok).toBe(true);
  });
});

const sameBytes = (a: string, b: string) => {
  const [pa, pb] = [a.split("."), b.split(".")];
  return (
    pa.length === pb.length &&
    pa.every(
      (part, i) =>
        /^[\w-]*$/.test(part) &&
        Buffer.from(part, "base64url").equals(Buffer.from(pb[i]!, "base64url")),
    )
  );
};

describe("TokenVerifier with the issuer's keys", () => {
  let privateKey: CryptoKey;
  let strangerKey: CryptoKey;
  let jwk: JWK;
  let now = NOW * 1000;
  const verifier = new TokenVerifier({ now: () => now });

  const sign = (claims: Record<string, unknown>, key = privateKey, kid = "k1") =>
    new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid, typ: "at+jwt" }).sign(key);

  beforeAll(async () => {
    const pair = await generateKeyPair("RS256", { extractable: true });
    privateKey = pair.privateKey;
    strangerKey = (await generateKeyPair("RS256")).privateKey;
    jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256" };
    verifier.configure({ ...expected, jwks: { keys: [jwk] } });
  });

  it("verifies a signed token once and answers from memory until it expires", async () => {
    const token = await sign(good);
    const first = await verifier.verify(token);
    expect(first).toMatchObject({ ok: true, clientId: "swc_app", patient: "sam-rivera" });
    const again = verifier.verify(token);
    expect(again).not.toBeInstanceOf(Promise);
    expect(again).toBe(first);
    now = (NOW + 331) * 1000;
    expect(await verifier.verify(token)).toMatchObject({ ok: false, code: "token_expired" });
    now = NOW * 1000;
  });

  it("refuses forged, foreign and unsigned tokens with a reason", async () => {
    expect(await verifier.verify(await sign(good, strangerKey))).toMatchObject({
      code: "token_bad_signature",
    });
    expect(await verifier.verify(await sign(good, strangerKey, "k2"))).toMatchObject({
      code: "token_bad_signature",
    });
    expect(
      await verifier.verify(await sign({ ...good, iss: "https://evil.example.com" }, strangerKey)),
    ).toMatchObject({ code: "token_wrong_issuer" });
    expect(await verifier.verify(await sign({ ...good, aud: "https://x.example" }))).toMatchObject({
      code: "token_wrong_audience",
    });
    const [header, payload] = (await sign(good)).split(".");
    const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${payload}.`;
    expect(await verifier.verify(none)).toMatchObject({ code: "token_malformed" });
    expect(await verifier.verify(`${header}.${payload}.AAAA`)).toMatchObject({
      code: "token_bad_signature",
    });
    expect(await verifier.verify("not a token")).toMatchObject({ code: "token_malformed" });
    expect(await verifier.verify("opaque-token-without-introspection")).toMatchObject({
      code: "token_malformed",
      reason: expect.stringMatching(/introspection/),
    });
  });

  it("answers every malformed token with a denial and a known code, never a throw", async () => {
    const token = await sign(good);
    const parts = token.split(".");
    const mutated = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.stringMatching(/^[A-Za-z0-9_-]{0,40}\.[A-Za-z0-9_-]{0,40}\.[A-Za-z0-9_-]{0,40}$/),
      fc.tuple(fc.nat(parts.length - 1), fc.string({ maxLength: 40 })).map(([i, text]) => {
        const copy = [...parts];
        copy[i] = Buffer.from(text).toString("base64url");
        return copy.join(".");
      }),
      fc
        .tuple(fc.nat(token.length - 1), fc.string({ minLength: 1, maxLength: 1 }))
        .map(([i, c]) => token.slice(0, i) + c + token.slice(i + 1)),
    );
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(mutated, async (candidate) => {
        // base64url's last character carries spare bits: a change there may leave the same bytes.
        fc.pre(!sameBytes(candidate, token));
        const result = await verifier.verify(candidate);
        expect(result.ok).toBe(false);
        if (!result.ok) {
          expect(TOKEN_DENIAL_CODES).toContain(result.code);
          expect(result.reason).toMatch(/^Denied: /);
        }
        checked++;
      }),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(200);
  });

  it("refuses everything until it knows its issuer", async () => {
    expect(await new TokenVerifier().verify(await sign(good))).toMatchObject({
      code: "token_unverifiable",
    });
  });
});

describe("the launch context", () => {
  const grants = compileClientGrants({ appStatus: "active", partnerStatus: "active" }, [
    "launch/patient",
    "patient/Observation.rs",
    "user/Practitioner.rs",
  ]);
  const token = compileToken("launch/patient patient/Observation.rs user/Practitioner.rs");
  const ask = (path: string, query: string | undefined, patient: string | null) =>
    decide(grants, needOfRequest({ method: "GET", path, query }), token, { patient });

  it("lets a patient/ token into its own patient's compartment, by parameter or path", () => {
    expect(ask("/Observation", "patient=sam-rivera", "sam-rivera")).toMatchObject({
      allow: true,
      reason: expect.stringMatching(/Patient\/sam-rivera, the token's patient/),
    });
    expect(ask("/Observation", "subject=Patient/sam-rivera", "sam-rivera").allow).toBe(true);
    expect(ask("/Patient/sam-rivera/Observation", undefined, "sam-rivera").allow).toBe(true);
  });

  it("keeps it out of every other patient's, with patient_mismatch", () => {
    for (const [path, query] of [
      ["/Observation", "patient=jo-rivera"],
      ["/Observation", "subject=Patient/jo-rivera"],
      ["/Patient/jo-rivera/Observation", undefined],
    ] as const) {
      expect(ask(path, query, "sam-rivera"), `${path}?${query}`).toMatchObject({
        allow: false,
        code: "patient_mismatch",
        reason: expect.stringMatching(/reach only Patient\/sam-rivera.*Patient\/jo-rivera/),
      });
    }
    expect(ask("/Observation", "patient=sam-rivera", null)).toMatchObject({
      allow: false,
      code: "patient_mismatch",
      reason: expect.stringMatching(/has none/),
    });
  });

  it("leaves user/ scopes, which no launch patient limits, as they were", () => {
    expect(ask("/Practitioner/p1", undefined, "sam-rivera").allow).toBe(true);
  });
});

describe("TokenVerifier with an external issuer", () => {
  let server: Server;
  let issuer: string;
  let privateKey: CryptoKey;
  let isIntrospectionUp = true;
  const introspected: { authorization?: string; token?: string }[] = [];

  beforeAll(async () => {
    const pair = await generateKeyPair("ES256");
    privateKey = pair.privateKey;
    const jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: "es", alg: "ES256" }] };
    server = createServer((req, res) => {
      const json = (body: unknown) =>
        res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body));
      if (req.url === "/realm/.well-known/openid-configuration")
        return json({
          issuer,
          jwks_uri: `${issuer}/certs`,
          introspection_endpoint: `${issuer}/introspect`,
        });
      if (req.url === "/realm/certs") return json(jwks);
      if (req.url === "/realm/introspect") {
        let body = "";
        req.on("data", (c: Buffer) => (body += c));
        req.on("end", () => {
          if (!isIntrospectionUp) return void res.writeHead(503).end();
          const token = new URLSearchParams(body).get("token") ?? "";
          introspected.push({ authorization: req.headers.authorization, token });
          json(
            token === "opaque-live"
              ? {
                  active: true,
                  client_id: "swc_app",
                  scope: "patient/Observation.rs",
                  patient: "sam-rivera",
                  exp: Math.floor(Date.now() / 1000) + 600,
                }
              : { active: false },
          );
        });
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realm`;
  });
  afterAll(() => server?.close());

  it("verifies JWTs with the keys named by the issuer's discovery document", async () => {
    const verifier = new TokenVerifier();
    verifier.configure({ issuer, audience: FHIR });
    const token = await new SignJWT({
      ...good,
      iss: issuer,
      exp: Math.floor(Date.now() / 1000) + 60,
    })
      .setProtectedHeader({ alg: "ES256", kid: "es" })
      .sign(privateKey);
    expect(await verifier.verify(token)).toMatchObject({ ok: true, clientId: "swc_app" });
  });

  it("introspects opaque tokens as its client, and does not keep an answer it could not get", async () => {
    const verifier = new TokenVerifier();
    verifier.configure({
      issuer,
      audience: FHIR,
      introspection: { clientId: "decision api", clientSecret: "s3cret:x" },
    });
    expect(await verifier.verify("opaque-live")).toMatchObject({
      ok: true,
      clientId: "swc_app",
      patient: "sam-rivera",
    });
    expect(introspected.at(-1)).toEqual({
      authorization: `Basic ${Buffer.from("decision%20api:s3cret%3Ax").toString("base64")}`,
      token: "opaque-live",
    });
    expect(await verifier.verify("opaque-revoked")).toMatchObject({ code: "token_inactive" });
    isIntrospectionUp = false;
    expect(await verifier.verify("opaque-other")).toMatchObject({ code: "token_unverifiable" });
    isIntrospectionUp = true;
    expect(await verifier.verify("opaque-other")).toMatchObject({ code: "token_inactive" });
  });
});
