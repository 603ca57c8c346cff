/**
 * Decision API benchmark:  npm run bench:decisions [-- --grants 1000000 --rounds 5 --seconds 5 --with-next]
 *
 * Loads `--grants` grants (default 100,000), 10 per app, into a throwaway PostgreSQL database
 * (set-based INSERT … SELECT), then starts, each in its own process:
 * - the front server as `npm start` serves it (scripts/front-server.ts; with Next.js stubbed by
 *   scripts/bench/front-stub.ts when there is no production build), three times: usage recording
 *   on (the default: counters written every 30 s), held (counted but, with USAGE_FLUSH_SECONDS at
 *   an hour, not written during the run: the decision path's own cost) and off. On a small machine
 *   the database shares the cores with the servers and the load, so "on" also pays for the
 *   database's writes, one row per grant used every 30 s;
 * - the standalone decision server (scripts/decision-server.ts);
 * - for reference, a bare node:http server answering a constant JSON.
 * Each server warms its grant cache before the passes (warm-up time and RSS per client printed).
 * All are driven with autocannon from this process: a max-throughput pass (for the ratios) and
 * fixed-rate passes at 1,000 and 2,000 req/s (for the latency), over clients spread across every
 * app. Rounds are interleaved (the order reverses every round, so each pair of servers is measured
 * back to back); medians are printed, and each ratio is the median of the rounds' own ratios. The
 * last line is the front server's ratio vs the bare server, the standalone figure above it. With --with-next, the same passes run against
 * `next start` (build first with `npm run build`).
 */
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { developmentAuditSecrets } from "../../lib/audit/keys";
import {
  AUTH_SERVER_SECRETS,
  developmentSecret,
  SESSION_SECRET,
} from "../../lib/runtime/dev-secrets";
import { parseArgs } from "node:util";
import { createTestDatabase } from "../../lib/database/test-database";
import { insertClientsWithGrants } from "./fixtures";
import { median, postLoad, startProcess, type LoadPass } from "./load";

const { values: args } = parseArgs({
  options: {
    grants: { type: "string", default: "100000" },
    rounds: { type: "string", default: "5" },
    seconds: { type: "string", default: "5" },
    "with-next": { type: "boolean", default: false },
  },
});
const ROUNDS = Number(args.rounds);
const SECONDS = Number(args.seconds);
const GRANTS_PER_APP = 10;
const APPS = Math.max(1, Math.round(Number(args.grants) / GRANTS_PER_APP));
const RATES = [1000, 2000];

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

type Pass = LoadPass;

const drive = (port: number, key: string, options: { rate?: number; connections: number }) =>
  postLoad(`http://127.0.0.1:${port}/api/v1/decisions`, {
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    bodyFor: (i) => bodyFor(i),
    connections: options.connections,
    seconds: SECONDS,
    rate: options.rate,
  });

/** Next.js warms its cache in the background: every client once, so the passes measure the cache. */
async function warmByRequests(port: number, key: string) {
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

/** The front server's environment as scripts/serve.ts gives it, with throwaway secrets. */
/** Usage recording on (writes every 30 s), held (counted, but not written during the run), off. */
type UsageMode = "on" | "held" | "off";

async function frontEnv(databaseUrl: string, usage: UsageMode): Promise<Record<string, string>> {
  const dir = await mkdtemp(path.join(tmpdir(), "swbench-"));
  const secrets: Record<string, string> = {};
  for (const secret of [SESSION_SECRET, ...AUTH_SERVER_SECRETS])
    secrets[secret.variable] = await developmentSecret(secret, dir);
  return {
    ...secrets,
    ...developmentAuditSecrets(dir),
    AUDIT_CHECKPOINT_DIR: path.join(dir, "checkpoints"),
    NODE_ENV: "production",
    PORT: "0",
    DATABASE_URL: databaseUrl,
    APP_URL: "http://localhost:3250",
    NEXTAUTH_URL: "http://localhost:3250",
    NEXT_TELEMETRY_DISABLED: "1",
    JOBS_ENABLED: "false",
    DB_POOL_SIZE: "10",
    USAGE_RECORDING: usage === "off" ? "off" : "on",
    USAGE_FLUSH_SECONDS: usage === "held" ? "3600" : "30",
  };
}

const hasBuild = existsSync(".next/BUILD_ID");

/** Starts one front server and waits until its grant cache is warm. */
async function startFront(databaseUrl: string, usage: UsageMode) {
  const started = performance.now();
  const front = await startProcess(
    process.execPath,
    [
      "--import",
      "tsx",
      hasBuild ? "scripts/front-server.ts" : "scripts/bench/front-stub.ts",
      "start",
    ],
    await frontEnv(databaseUrl, usage),
    /listening at http:\/\/[^:]+:(\d+)[\s\S]*Grant cache warm: (.*)/,
  );
  console.log(
    `Front server (usage ${usage}) up and warm in ${((performance.now() - started) / 1000).toFixed(1)} s. ${front.match[2]}`,
  );
  return front;
}

const database = await createTestDatabase({ backend: "postgres" });
const children: ChildProcess[] = [];
try {
  const key = await insertClientsWithGrants(database.url, APPS, GRANTS_PER_APP);
  const tsx = ["--import", "tsx"];
  const started = performance.now();
  const decision = await startProcess(
    process.execPath,
    [
      "--expose-gc",
      ...(process.env.BENCH_PROFILE ? ["--cpu-prof", "--cpu-prof-dir=/tmp/swbench/prof"] : []),
      ...tsx,
      "scripts/decision-server.ts",
    ],
    { DATABASE_URL: database.url, DECISION_PORT: "0" },
    /listening on http:\/\/[^:]+:(\d+)[\s\S]*Decision server ready: (.*)/,
  );
  children.push(decision.child);
  console.log(
    `Decision server up and warm in ${((performance.now() - started) / 1000).toFixed(1)} s. ${decision.match[2]}`,
  );
  console.log(
    hasBuild
      ? "Front servers: scripts/front-server.ts start (the production build in .next)."
      : "Front servers: no production build in .next, so Next.js is stubbed (scripts/bench/front-stub.ts); the decision path is the same.",
  );
  const front = await startFront(database.url, "on");
  children.push(front.child);
  const frontHeld = await startFront(database.url, "held");
  children.push(frontHeld.child);
  const frontOff = await startFront(database.url, "off");
  children.push(frontOff.child);
  const bare = await startProcess(process.execPath, ["-e", BARE_SERVER], {}, /listening on (\d+)/);
  children.push(bare.child);
  const targets: { name: string; port: number }[] = [
    { name: "front server", port: front.port },
    { name: "front, usage held", port: frontHeld.port },
    { name: "front, usage off", port: frontOff.port },
    { name: "decision server", port: decision.port },
    { name: "bare node", port: bare.port },
  ];
  if (args["with-next"]) {
    const next = await startProcess(
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
    await warmByRequests(next.port, key);
  }

  const passes = [
    { label: "max throughput", connections: 50, rate: undefined as number | undefined },
    ...RATES.map((rate) => ({
      label: `${rate.toLocaleString("en")} req/s`,
      connections: rate / 100,
      rate,
    })),
  ];
  const results = new Map<string, Pass[]>();
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const p of passes)
      for (const t of order) {
        const name = `${t.name}|${p.label}`;
        (results.get(name) ?? results.set(name, []).get(name)!).push(await drive(t.port, key, p));
      }
  }

  const health = await (await fetch(`http://127.0.0.1:${decision.port}/healthz`)).json();
  console.log(`Decision server grant cache: ${JSON.stringify(health.grantCache)}`);
  const summary = (of: Pass[]) => ({
    rps: median(of.map((p) => p.rps)),
    p50: median(of.map((p) => p.p50)),
    p99: median(of.map((p) => p.p99)),
    errors: of.reduce((sum, p) => sum + p.errors, 0),
  });
  console.log(
    `\nMedians of ${ROUNDS} rounds, ${SECONDS} s each, ${APPS.toLocaleString("en")} clients with ${GRANTS_PER_APP} grants each (autocannon in this process, each server in its own):`,
  );
  console.log("target             pass               req/s   p50 ms   p99 ms   errors");
  for (const t of targets)
    for (const p of passes) {
      const r = summary(results.get(`${t.name}|${p.label}`)!);
      console.log(
        `${t.name.padEnd(18)} ${p.label.padEnd(15)} ${r.rps.toFixed(0).padStart(8)}   ${r.p50.toFixed(2).padStart(6)}   ${r.p99.toFixed(2).padStart(6)}   ${String(r.errors).padStart(6)}`,
      );
    }
  const maxRps = (name: string) => summary(results.get(`${name}|max throughput`)!).rps;
  // Each round's pair was measured back to back: the median of those ratios resists the machine's
  // drift between rounds better than a ratio of medians.
  const roundRatios = (a: string, b: string) => {
    const as = results.get(`${a}|max throughput`)!;
    const bs = results.get(`${b}|max throughput`)!;
    return as.map((pass, i) => pass.rps / bs[i]!.rps);
  };
  const ratio = (a: string, b: string) => median(roundRatios(a, b)).toFixed(2);
  const perRound = (a: string, b: string) =>
    `rounds ${roundRatios(a, b)
      .map((r) => r.toFixed(2))
      .join(", ")}`;
  console.log(
    `\nusage recording on vs off (front server, max throughput): ${maxRps("front server").toFixed(0)} vs ${maxRps("front, usage off").toFixed(0)} req/s (${perRound("front server", "front, usage off")}), ratio ${ratio("front server", "front, usage off")} (target ≥ 0.95)`,
  );
  console.log(
    `usage counted but not written during the run vs off (the decision path's own cost): ${maxRps("front, usage held").toFixed(0)} vs ${maxRps("front, usage off").toFixed(0)} req/s (${perRound("front, usage held", "front, usage off")}), ratio ${ratio("front, usage held", "front, usage off")}`,
  );
  if (args["with-next"])
    console.log(`next route ratio vs bare node: ${ratio("next route", "bare node")}`);
  console.log(
    `standalone decision server ratio vs bare node: ${ratio("decision server", "bare node")}`,
  );
  console.log(`front server vs bare node: ${perRound("front server", "bare node")}`);
  console.log(`ratio vs bare node: ${ratio("front server", "bare node")}`);
} finally {
  // Each server writes its usage counters on SIGTERM: the database goes only after they exit.
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const cut = setTimeout(() => child.kill("SIGKILL"), 15_000);
          child.once("exit", () => {
            clearTimeout(cut);
            resolve();
          });
          child.kill("SIGTERM");
        }),
    ),
  );
  await database.drop();
}
