/**
 * Decision API benchmark:  npm run bench:decisions [-- --rounds 3 --seconds 5 --with-next]
 *
 * Loads 10,000 apps and 100,000 grants into a throwaway PostgreSQL database (set-based INSERT …
 * SELECT), starts the standalone decision server (scripts/decision-server.ts) and, for reference,
 * a bare node:http server answering a constant JSON, each in its own process, and drives both with
 * autocannon from this process: a max-throughput pass (for the ratio) and a fixed 1,000 req/s pass
 * (for the latency). Rounds are interleaved; medians are printed. With --with-next, the same passes
 * run against `next start` (build first with `npm run build`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { createTestDatabase } from "../../lib/database/test-database";
import { newApiKey } from "../../lib/enforcement/api-keys";

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    seconds: { type: "string", default: "5" },
    "with-next": { type: "boolean", default: false },
  },
});
const ROUNDS = Number(args.rounds);
const SECONDS = Number(args.seconds);
const APPS = 10_000;
const GRANTS_PER_APP = 10;

const SCOPE_POOL = [
  "Patient",
  "Observation",
  "Condition",
  "Encounter",
  "MedicationRequest",
  "Immunization",
  "DocumentReference",
  "Coverage",
  "ExplanationOfBenefit",
  "Procedure",
  "AllergyIntolerance",
  "DiagnosticReport",
  "CarePlan",
  "Claim",
  "ClaimResponse",
  "Task",
].flatMap((type) => [`patient/${type}.rs`, `user/${type}.rs`, `system/${type}.rs`]);

async function loadData(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "Organization" ("name", "updatedAt") SELECT 'Bench partner ' || g, now() FROM generate_series(1, 100) g`,
    );
    await client.query(
      `INSERT INTO "App" ("organizationId", "name", "nameKey", "appType", "clientType", "launchModes", "redirectUris", "clientId", "updatedAt")
       SELECT o."id", 'Bench app ' || g, 'bench app ' || g, 'backend', 'backend', '{}', '{}', 'swc_bench_' || g, now()
       FROM generate_series(1, $1::int) g
       JOIN (SELECT "id", row_number() OVER (ORDER BY "id") - 1 AS n FROM "Organization") o ON o.n = g % 100`,
      [APPS],
    );
    await client.query(
      `INSERT INTO "AppScope" ("appId", "scope", "requested", "state", "risk", "policyOutcome", "grantedAt", "updatedAt")
       SELECT a."id", p.pool[1 + ((a.n * 7 + i) % array_length(p.pool, 1))], p.pool[1 + ((a.n * 7 + i) % array_length(p.pool, 1))],
              'granted', 'low', 'grant', now(), now()
       FROM (SELECT "id", substring("clientId" from 11)::int AS n FROM "App") a
       CROSS JOIN generate_series(0, $1::int - 1) i
       CROSS JOIN (SELECT $2::text[] AS pool) p`,
      [GRANTS_PER_APP, SCOPE_POOL],
    );
    const { key, prefix, keyHash } = newApiKey();
    await client.query(
      `INSERT INTO "ApiKey" ("name", "prefix", "keyHash") VALUES ('bench', $1, $2)`,
      [prefix, keyHash],
    );
    const counts = await client.query(
      `SELECT (SELECT count(*) FROM "App") AS apps, (SELECT count(*) FROM "AppScope") AS grants`,
    );
    console.log(`Loaded ${counts.rows[0].apps} apps and ${counts.rows[0].grants} grants.`);
    await client.query("ANALYZE");
    return key;
  } finally {
    await client.end();
  }
}

/** Starts a child process and resolves with the port it prints. */
function startChild(
  command: string,
  argv: string[],
  env: Record<string, string>,
  pattern: RegExp,
): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.on("exit", (code) =>
      reject(new Error(`${command} ${argv.join(" ")} exited with ${code}:\n${output}`)),
    );
  });
}

const BARE_SERVER = `
const http = require("node:http");
const body = JSON.stringify({ allow: true, reason: "Allowed: read of Observation in user context.", required: "user/Observation.r", matchedScope: "user/Observation.rs" });
const server = http.createServer((req, res) => {
  req.on("data", () => {});
  req.on("end", () => res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store" }).end(body));
});
server.keepAliveTimeout = 65000;
server.listen(0, "127.0.0.1", () => console.log("listening on " + server.address().port));`;

const REQUESTS = [
  { method: "GET", path: "/Patient/p1/Observation", query: "category=vital-signs" },
  { method: "GET", path: "/Observation", query: "patient=p1&date=ge2025-01-01" },
  { method: "GET", path: "/Condition/c1" },
  { method: "POST", path: "/Observation" },
  { method: "GET", path: "/Coverage", query: "beneficiary=Patient/p1" },
  { method: "GET", path: "/$export", query: "_type=Patient,Coverage" },
  { method: "PUT", path: "/Task/t1" },
  { method: "GET", path: "/Encounter/e1/_history/2" },
];

function bodyFor(i: number, client = 1 + ((i * 7919) % APPS)): string {
  const request = REQUESTS[i % REQUESTS.length]!;
  const clientId = `swc_bench_${client}`;
  return JSON.stringify(
    i % 3 === 0
      ? {
          clientId,
          tokenScopes: "patient/Observation.rs patient/Condition.rs launch/patient openid",
          request,
        }
      : { clientId, request },
  );
}

type Pass = { rps: number; p50: number; p99: number; errors: number };

async function drive(
  port: number,
  key: string,
  options: { rate?: number; connections: number },
): Promise<Pass> {
  let n = Math.floor(Math.random() * 1000);
  const latencies: number[] = [];
  let errors = 0;
  const instance = autocannon({
    url: `http://127.0.0.1:${port}/api/v1/decisions`,
    connections: options.connections,
    duration: SECONDS,
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [
      {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        setupRequest: (req: Record<string, unknown>) => ({ ...req, body: bodyFor(n++) }),
      },
    ],
  });
  instance.on(
    "response",
    (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode === 200) latencies.push(responseTime);
      else errors++;
    },
  );
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    rps: result.requests.average,
    p50: at(0.5),
    p99: at(0.99),
    errors: errors + result.errors + result.timeouts,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function warm(port: number, key: string) {
  // Every client once, so the max-throughput pass measures the cached path.
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < APPS) {
        const i = next++;
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/decisions`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
          body: bodyFor(i, i + 1),
        });
        if (res.status !== 200) throw new Error(`warm-up got ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      }
    }),
  );
}

const database = await createTestDatabase({ backend: "postgres" });
const children: ChildProcess[] = [];
try {
  const key = await loadData(database.url);
  const tsx = ["--import", "tsx"];
  const decision = await startChild(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE ? ["--cpu-prof", "--cpu-prof-dir=/tmp/swbench/prof"] : []),
      ...tsx,
      "scripts/decision-server.ts",
    ],
    { DATABASE_URL: database.url, DECISION_PORT: "0" },
    /listening on http:\/\/[^:]+:(\d+)/,
  );
  children.push(decision.child);
  const bare = await startChild(process.execPath, ["-e", BARE_SERVER], {}, /listening on (\d+)/);
  children.push(bare.child);
  const targets: { name: string; port: number }[] = [
    { name: "decision server", port: decision.port },
    { name: "bare node", port: bare.port },
  ];
  if (args["with-next"]) {
    const next = await startChild(
      process.execPath,
      ["node_modules/next/dist/bin/next", "start", "-p", "0"],
      {
        DATABASE_URL: database.url,
        NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret",
        JOBS_ENABLED: "false",
        NEXT_TELEMETRY_DISABLED: "1",
        DB_POOL_SIZE: "10",
      },
      /localhost:(\d+)/,
    );
    children.push(next.child);
    targets.push({ name: "next route", port: next.port });
  }
  for (const t of targets) await warm(t.port, key);
  console.log(`Warmed ${targets.map((t) => t.name).join(", ")} with all ${APPS} clients.`);

  const max = new Map<string, Pass[]>();
  const fixed = new Map<string, Pass[]>();
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const t of order)
      (max.get(t.name) ?? max.set(t.name, []).get(t.name)!).push(
        await drive(t.port, key, { connections: 50 }),
      );
    for (const t of order)
      (fixed.get(t.name) ?? fixed.set(t.name, []).get(t.name)!).push(
        await drive(t.port, key, { connections: 10, rate: 1000 }),
      );
  }

  const health = await (await fetch(`http://127.0.0.1:${decision.port}/healthz`)).json();
  console.log(`Decision server grant cache: ${JSON.stringify(health.grantCache)}`);
  const summary = (passes: Pass[]) => ({
    rps: median(passes.map((p) => p.rps)),
    p50: median(passes.map((p) => p.p50)),
    p99: median(passes.map((p) => p.p99)),
    errors: passes.reduce((s, p) => s + p.errors, 0),
  });
  console.log(
    `\nMedians of ${ROUNDS} rounds, ${SECONDS} s each (autocannon in this process, each server in its own):`,
  );
  console.log("target            pass            req/s     p50 ms   p99 ms   errors");
  for (const t of targets) {
    for (const [label, passes] of [
      ["max throughput", max],
      ["1,000 req/s", fixed],
    ] as const) {
      const s = summary(passes.get(t.name)!);
      console.log(
        `${t.name.padEnd(17)} ${label.padEnd(15)} ${s.rps.toFixed(0).padStart(6)}   ${s.p50.toFixed(2).padStart(6)}   ${s.p99.toFixed(2).padStart(6)}   ${String(s.errors).padStart(6)}`,
      );
    }
  }
  const ratio = summary(max.get("decision server")!).rps / summary(max.get("bare node")!).rps;
  if (args["with-next"])
    console.log(
      `next route ratio vs bare node: ${(summary(max.get("next route")!).rps / summary(max.get("bare node")!).rps).toFixed(2)}`,
    );
  console.log(`ratio vs bare node: ${ratio.toFixed(2)}`);
} finally {
  for (const child of children) child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 300));
  await database.drop();
}
