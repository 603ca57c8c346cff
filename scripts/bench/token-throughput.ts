/**
 * Token verification's cost on decisions:  npm run bench:tokens [-- --apps 1000 --rounds 3 --seconds 5]
 *
 * The standalone decision server (scripts/decision-server.ts, its own process) answers the same
 * requests for the same clients two ways, interleaved in one run: with `tokenScopes` (the gateway
 * verified the token) and with `accessToken`, an RS256 JWT per client that the server verifies
 * itself against the issuer's JWKS (from a stand-in issuer's discovery document here). Prints both
 * throughputs and `ratio jwt vs tokenScopes` (target ≥ 0.70).
 *
 * What is cached, and why that is correct: a JWT is verified once (signature, issuer, audience,
 * expiry) and its result kept until its exp, since signed claims cannot change; what can change,
 * the client's grants and status, is read from the grant cache on every decision. The first-use
 * cost (one signature check per token) is measured separately and printed too.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { createTestDatabase } from "../../lib/database/test-database";
import { insertClientsWithGrants } from "./fixtures";
import { median, postLoad, startProcess, type LoadPass } from "./load";

const GRANTS_PER_APP = 10;
const TOKEN_SCOPES =
  "patient/Observation.rs patient/Condition.rs system/Patient.rs launch/patient openid";
const REQUESTS = [
  { method: "GET", path: "/Observation", query: "patient=p1&category=vital-signs" },
  { method: "GET", path: "/Patient/p1/Condition" },
  { method: "GET", path: "/Patient/p7" },
  { method: "GET", path: "/Condition/c1" },
  { method: "POST", path: "/Observation" },
  { method: "GET", path: "/Encounter", query: "patient=p1" },
];

export type TokenThroughput = {
  apps: number;
  tokenScopes: LoadPass;
  jwt: LoadPass;
  ratio: number;
  firstVerificationMs: number;
};

/** A stand-in issuer: its discovery document and its public keys. */
async function startIssuer(jwks: object): Promise<{ server: Server; issuer: string }> {
  let issuer = "";
  const server = createServer((req, res) => {
    const body =
      req.url === "/.well-known/openid-configuration"
        ? { issuer, jwks_uri: `${issuer}/jwks` }
        : req.url === "/jwks"
          ? jwks
          : null;
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, issuer };
}

export async function benchTokenThroughput(
  options: { apps?: number; rounds?: number; seconds?: number; connections?: number } = {},
): Promise<TokenThroughput> {
  const apps = options.apps ?? 1000;
  const rounds = options.rounds ?? 3;
  const seconds = options.seconds ?? 5;
  const connections = options.connections ?? 50;
  const audience = "https://fhir.bench.example/fhir";
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const { server: issuerServer, issuer } = await startIssuer({
    keys: [{ ...(await exportJWK(publicKey)), kid: "bench", alg: "RS256", use: "sig" }],
  });
  const tokens: string[] = [];
  for (let client = 1; client <= apps; client++)
    tokens.push(
      await new SignJWT({ client_id: `swc_bench_${client}`, scope: TOKEN_SCOPES, patient: "p1" })
        .setProtectedHeader({ alg: "RS256", kid: "bench", typ: "at+jwt" })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(privateKey),
    );
  const clientOf = (i: number) => 1 + ((i * 7919) % apps);
  const bodies = {
    tokenScopes: (i: number) =>
      JSON.stringify({
        clientId: `swc_bench_${clientOf(i)}`,
        tokenScopes: TOKEN_SCOPES,
        request: REQUESTS[i % REQUESTS.length],
      }),
    jwt: (i: number) =>
      JSON.stringify({
        accessToken: tokens[clientOf(i) - 1],
        request: REQUESTS[i % REQUESTS.length],
      }),
  };

  const database = await createTestDatabase({ backend: "postgres" });
  let child: import("node:child_process").ChildProcess | undefined;
  try {
    const key = await insertClientsWithGrants(database.url, apps, GRANTS_PER_APP);
    const server = await startProcess(
      process.execPath,
      ["--import", "tsx", "scripts/decision-server.ts"],
      {
        DATABASE_URL: database.url,
        DECISION_PORT: "0",
        AUTH_ISSUER: issuer,
        FHIR_BASE_URL: audience,
      },
      /listening on http:\/\/[^:]+:(\d+)[\s\S]*Decision server ready/,
    );
    child = server.child;
    const url = `http://127.0.0.1:${server.port}/api/v1/decisions`;
    const headers = { "content-type": "application/json", authorization: `Bearer ${key}` };

    // First use: every token verified once (signature and claims), 16 at a time.
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < apps) {
          const i = next++;
          const res = await fetch(url, {
            method: "POST",
            headers,
            body: JSON.stringify({ accessToken: tokens[i], request: REQUESTS[0] }),
          });
          const answer = (await res.json()) as { code?: string };
          if (res.status !== 200 || answer.code?.startsWith("token_"))
            throw new Error(`warm-up: ${res.status} ${JSON.stringify(answer)}`);
        }
      }),
    );
    const firstVerificationMs = (performance.now() - started) / apps;

    const passes = { tokenScopes: [] as LoadPass[], jwt: [] as LoadPass[] };
    for (let round = 0; round < rounds; round++) {
      const order =
        round % 2 === 0 ? (["tokenScopes", "jwt"] as const) : (["jwt", "tokenScopes"] as const);
      for (const kind of order)
        passes[kind].push(
          await postLoad(url, { headers, bodyFor: bodies[kind], connections, seconds }),
        );
    }
    const health = await (await fetch(`http://127.0.0.1:${server.port}/healthz`)).json();
    console.log(`Token cache: ${JSON.stringify(health.tokens)}`);
    const summary = (of: LoadPass[]): LoadPass => ({
      rps: median(of.map((p) => p.rps)),
      p50: median(of.map((p) => p.p50)),
      p99: median(of.map((p) => p.p99)),
      errors: of.reduce((sum, p) => sum + p.errors, 0),
    });
    const tokenScopes = summary(passes.tokenScopes);
    const jwt = summary(passes.jwt);
    return { apps, tokenScopes, jwt, ratio: jwt.rps / tokenScopes.rps, firstVerificationMs };
  } finally {
    child?.kill("SIGTERM");
    issuerServer.close();
    await new Promise((r) => setTimeout(r, 300));
    await database.drop();
  }
}

export function printTokenThroughput(result: TokenThroughput, rounds: number, seconds: number) {
  console.log(
    `\nDecision throughput, medians of ${rounds} rounds of ${seconds} s, ${result.apps.toLocaleString("en")} clients (one JWT each):`,
  );
  console.log("request with     req/s   p50 ms   p99 ms   errors");
  for (const [name, pass] of [
    ["tokenScopes", result.tokenScopes],
    ["JWT", result.jwt],
  ] as const)
    console.log(
      `${name.padEnd(12)} ${pass.rps.toFixed(0).padStart(9)}   ${pass.p50.toFixed(2).padStart(6)}   ${pass.p99.toFixed(2).padStart(6)}   ${String(pass.errors).padStart(6)}`,
    );
  console.log(
    `first verification of a token (signature and claims, then cached until its exp): ${result.firstVerificationMs.toFixed(2)} ms per token, over the API`,
  );
  console.log(`ratio jwt vs tokenScopes: ${result.ratio.toFixed(2)} (target >= 0.70)`);
}

const ZCliArgs = z.object({
  apps: z.coerce.number().int().min(10, "--apps: at least 10").max(100_000).default(1000),
  rounds: z.coerce.number().int().min(1).max(20).default(3),
  seconds: z.coerce.number().int().min(1).max(120).default(5),
});

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { apps: { type: "string" }, rounds: { type: "string" }, seconds: { type: "string" } },
  });
  const parsed = ZCliArgs.safeParse(values);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
    process.exit(2);
  }
  const { apps, rounds, seconds } = parsed.data;
  printTokenThroughput(await benchTokenThroughput({ apps, rounds, seconds }), rounds, seconds);
}
