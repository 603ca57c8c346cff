/**
 * Approval-queue benchmark:  npm run bench:queue
 *
 * Seeds 100,000 scope rows across 2,000 apps (half of them pending) into a throwaway PostgreSQL
 * database with set-based INSERT … SELECT, then measures, for the first, middle and last pages
 * under a filter and a sort:
 *   1. the queue query (findApprovalQueue: rows + count + the page's lints), in process;
 *   2. the server render of /admin/approvals over HTTP, from a `next start` on that database.
 * Prints median and p95 per case. Targets: p50 ≤ 150 ms and p95 ≤ 400 ms.
 * Needs PostgreSQL (TEST_DATABASE_URL, default the local server) and a build (`npm run build`).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { findApprovalQueue, type QueueFilters, type QueueSort } from "../../lib/approvals/queries";
import { createPrismaClient } from "../../lib/database/client";
import { createTestDatabase, isPostgresReachable } from "../../lib/database/test-database";
import type { TableQuery } from "../../lib/tables/query";
import { createUser } from "../../prisma/factories";
import { insertPartnersAndApps, RESOURCE_TYPES_CTE } from "./fixtures";

const APPS = 2_000;
const PER_APP = 50;
const RUNS = Number(process.env.BENCH_RUNS ?? 25);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)]!;
const fmt = (ms: number) => `${ms.toFixed(1).padStart(7)} ms`;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

if (!(await isPostgresReachable())) {
  console.error("bench:queue needs PostgreSQL (set TEST_DATABASE_URL, or start the local server).");
  process.exit(2);
}
if (!existsSync(path.resolve(".next", "BUILD_ID"))) {
  console.error("bench:queue renders the real page: run `npm run build` first.");
  process.exit(2);
}

const database = await createTestDatabase({ backend: "postgres" });
const db = createPrismaClient(database.url, { poolSize: 4 });
let server: ReturnType<typeof spawn> | undefined;
try {
  // ---- seed, set-based ----------------------------------------------------
  const started = performance.now();
  await insertPartnersAndApps(db, APPS);
  // 50 distinct scopes per app over real resource types; half pending, the rest granted, denied or revoked.
  await db.$executeRawUnsafe(`
    WITH ${RESOURCE_TYPES_CTE},
    apps AS (SELECT "id", row_number() OVER (ORDER BY "createdAt") AS n FROM "App")
    INSERT INTO "AppScope" ("id", "appId", "scope", "requested", "state", "risk", "policyOutcome", "approvalsRequired", "stateReason", "createdAt", "updatedAt", "stateChangedAt")
    SELECT gen_random_uuid(), a."id", s.scope, s.scope,
      (CASE WHEN (a.n + j) % 2 = 0 THEN 'pending' WHEN (a.n + j) % 7 = 1 THEN 'denied' WHEN (a.n + j) % 11 = 3 THEN 'revoked' ELSE 'granted' END)::"ScopeState",
      (CASE WHEN j % 4 = 0 THEN 'critical' WHEN j % 4 = 1 THEN 'high' WHEN j % 4 = 2 THEN 'medium' ELSE 'low' END)::"RiskLevel",
      (CASE WHEN j % 4 = 0 THEN 'two_approvers' ELSE 'one_approver' END)::"PolicyOutcome",
      CASE WHEN j % 4 = 0 THEN 2 ELSE 1 END, 'Waiting for an administrator',
      now() - ((a.n * ${PER_APP} + j) || ' seconds')::interval, now(), now()
    FROM apps a
    CROSS JOIN generate_series(0, ${PER_APP - 1}) AS j
    JOIN types ON types.k = j % 25
    CROSS JOIN LATERAL (SELECT (CASE WHEN j < 25 THEN 'system/' ELSE 'user/' END) || types.t || (CASE WHEN j % 3 = 0 THEN '.cruds' ELSE '.rs' END) AS scope) s`);
  await db.$executeRawUnsafe(`ANALYZE`);
  const rows = await db.appScope.count();
  const pending = await db.appScope.count({ where: { state: "pending" } });
  console.log(
    `seeded ${rows.toLocaleString("en")} scope rows (${pending.toLocaleString("en")} pending) across ${APPS.toLocaleString("en")} apps in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  // ---- cases ----------------------------------------------------------------
  const cases: {
    label: string;
    filters: QueueFilters;
    sort: { id: QueueSort; desc: boolean };
    url: string;
  }[] = [
    {
      label: "risk=high, longest waiting",
      filters: { risk: "high" },
      sort: { id: "waiting", desc: true },
      url: "risk=high",
    },
    {
      label: "context=system, by partner",
      filters: { context: "system" },
      sort: { id: "partner", desc: false },
      url: "context=system&sort=partner.asc",
    },
  ];
  const perPage = 25;
  const admin = await createUser(db, { role: "admin", email: "bench-admin@example.test" });

  // ---- 1. the query ---------------------------------------------------------
  console.log(`\nqueue query (findApprovalQueue), ${RUNS} runs each`);
  const pagesOf = async (filters: QueueFilters) => {
    const first = await findApprovalQueue(db, {
      page: 1,
      perPage,
      q: "",
      sort: { id: "waiting", desc: true },
      ...filters,
    });
    return { first: 1, middle: Math.ceil(first.pageCount / 2), last: first.pageCount };
  };
  const pageNumbers = new Map<string, { first: number; middle: number; last: number }>();
  for (const c of cases) pageNumbers.set(c.label, await pagesOf(c.filters));
  for (const c of cases) {
    for (const [which, page] of Object.entries(pageNumbers.get(c.label)!)) {
      const query: TableQuery<QueueSort> & QueueFilters = {
        page,
        perPage,
        q: "",
        sort: c.sort,
        ...c.filters,
      };
      await findApprovalQueue(db, query); // warm-up
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const result = await findApprovalQueue(db, query);
        times.push(performance.now() - t0);
        if (result.rows.length === 0) throw new Error(`empty page ${page} for ${c.label}`);
      }
      console.log(
        `  ${c.label.padEnd(30)} ${which.padEnd(6)} (page ${String(page).padStart(4)})  p50 ${fmt(median(times))}  p95 ${fmt(p95(times))}`,
      );
    }
  }

  // ---- 2. the page, rendered by the server ----------------------------------
  const port = await freePort();
  const secret = "bench-secret-bench-secret-bench-secret!!";
  server = spawn(
    process.execPath,
    [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port)],
    {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        NEXTAUTH_SECRET: secret,
        NEXTAUTH_URL: `http://localhost:${port}`,
        JOBS_ENABLED: "false",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: "ignore",
    },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const token = await encode({
    secret,
    token: {
      sub: admin.id,
      email: admin.email,
      name: admin.name,
      role: "admin",
      organizationId: null,
    },
  });
  const headers = { cookie: `next-auth.session-token=${token}` };
  console.log(`\nserver render of /admin/approvals (next start, HTTP), ${RUNS} runs each`);
  for (const c of cases) {
    for (const [which, page] of Object.entries(pageNumbers.get(c.label)!)) {
      const url = `${base}/admin/approvals?${c.url}&page=${page}`;
      const check = await fetch(url, { headers });
      const html = await check.text();
      if (check.status !== 200 || !html.includes("Pending scope requests"))
        throw new Error(`page ${url} answered ${check.status}`);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const response = await fetch(url, { headers });
        await response.text();
        times.push(performance.now() - t0);
      }
      console.log(
        `  ${c.label.padEnd(30)} ${which.padEnd(6)} (page ${String(page).padStart(4)})  p50 ${fmt(median(times))}  p95 ${fmt(p95(times))}`,
      );
    }
  }
  console.log("\ntargets: p50 ≤ 150 ms, p95 ≤ 400 ms");
} finally {
  server?.kill("SIGTERM");
  await db.$disconnect();
  await database.drop();
}
