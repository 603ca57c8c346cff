/**
 * Approval-queue benchmark:  npm run bench:queue [-- --grants 1000000] [--no-render]
 *
 * Seeds `--grants` scope rows (default 100,000; 50 per app, half pending) into a throwaway
 * PostgreSQL database with set-based INSERT … SELECT, then, for every sort and every filter, at
 * the first, middle and last page, measures:
 *   1. the queue query (findApprovalQueue, keyset pages), interleaved with the same page read the
 *      old way (OFFSET + exact count: ./queue-baseline.ts), and prints the ratio of their medians;
 *      the plan of each page query (which index it walks, whether it sorts);
 *   2. the server render of /admin/approvals over HTTP, from a `next start` on that database.
 * Target: p50 ≤ 150 ms for every case at 1,000,000 grants. Needs PostgreSQL (TEST_DATABASE_URL,
 * default the local server) and, for the render, a build (`npm run build`).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import {
  findApprovalQueue,
  queueKeyset,
  type QueueFilters,
  type QueueSort,
} from "../../lib/approvals/queue";
import { createPrismaClient } from "../../lib/database/client";
import { createTestDatabase, isPostgresReachable } from "../../lib/database/test-database";
import { EXACT_COUNT_LIMIT } from "../../lib/tables/count";
import { decodeCursor, windowSql } from "../../lib/tables/keyset";
import { LAST_PAGE_CURSOR, type Sort } from "../../lib/tables/query";
import { createUser } from "../../prisma/factories";
import { findQueueByOffset } from "./queue-baseline";
import { renderPages } from "./queue-render";
import { seedQueue } from "./queue-seed";
import { fmt, median, p95, planSummary } from "./queue-stats";

const { values: argv } = parseArgs({
  options: { grants: { type: "string", default: "100000" }, "no-render": { type: "boolean" } },
});
const ZEnv = z.object({
  grants: z.coerce.number().int().min(1_000).max(5_000_000),
  runs: z.coerce.number().int().min(1).max(500).default(11),
  baselineRuns: z.coerce.number().int().min(1).max(500).default(5),
});
const opts = ZEnv.parse({
  grants: argv.grants,
  runs: process.env.BENCH_RUNS,
  baselineRuns: process.env.BENCH_BASELINE_RUNS,
});
const PER_PAGE = 25;
const TARGET_MS = 150;

if (!(await isPostgresReachable())) {
  console.error("bench:queue needs PostgreSQL (set TEST_DATABASE_URL, or start the local server).");
  process.exit(2);
}
const render = !argv["no-render"];
if (render && !existsSync(path.resolve(".next", "BUILD_ID"))) {
  console.error("bench:queue renders the real page: run `npm run build` first (or --no-render).");
  process.exit(2);
}

const database = await createTestDatabase({ backend: "postgres" });
const db = createPrismaClient(database.url, { poolSize: 4 });
try {
  const seeded = await seedQueue(db, opts.grants);
  console.log(
    `seeded ${seeded.rows.toLocaleString("en")} scope rows (${seeded.pending.toLocaleString("en")} pending) across ${seeded.apps.toLocaleString("en")} apps in ${seeded.seconds.toFixed(1)} s`,
  );
  const sorts: Sort<QueueSort>[] = [
    { id: "waiting", desc: true },
    { id: "risk", desc: true },
    { id: "app", desc: false },
    { id: "partner", desc: false },
  ];
  const filters: { label: string; url: string; value: QueueFilters }[] = [
    { label: "(none)", url: "", value: {} },
    { label: "risk=high", url: "risk=high", value: { risk: "high" } },
    { label: "context=system", url: "context=system", value: { context: "system" } },
    {
      label: "partner=1 of 200",
      url: `partner=${seeded.partnerId}`,
      value: { organizationId: seeded.partnerId },
    },
    { label: "approvers=two", url: "approvers=two", value: { twoPerson: true } },
  ];
  type Position = { which: "first" | "middle" | "last"; page: number; cursor: string | null };
  const cases: {
    sort: Sort<QueueSort>;
    filter: (typeof filters)[number];
    positions: Position[];
    pageCount: number;
    matching: number;
  }[] = [];
  for (const sort of sorts)
    for (const filter of filters) {
      const base = { q: "", sort, ...filter.value };
      const spec = queueKeyset(base);
      const counted = await db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM ${spec.from} WHERE ${spec.where}`;
      const pageCount = Math.max(1, Math.ceil(counted[0]!.n / PER_PAGE));
      const middle = Math.max(2, Math.ceil(pageCount / 2));
      // The middle page as Next reaches it: the cursor the page before it links to.
      const before = await findApprovalQueue(db, {
        ...base,
        page: middle - 1,
        perPage: PER_PAGE,
        cursor: null,
      });
      cases.push({
        sort,
        filter,
        pageCount,
        matching: counted[0]!.n,
        positions: [
          { which: "first", page: 1, cursor: null },
          { which: "middle", page: middle, cursor: before.cursors?.next ?? null },
          { which: "last", page: pageCount, cursor: LAST_PAGE_CURSOR },
        ],
      });
    }

  console.log(
    `\nqueue page query, ${PER_PAGE} rows: keyset (findApprovalQueue, ${opts.runs} runs) vs the old OFFSET + count(*) (${opts.baselineRuns} runs, interleaved); ms`,
  );
  console.log(
    `${"sort".padEnd(13)}${"filter".padEnd(18)}${"page".padEnd(15)}${"keyset p50".padStart(11)}${"p95".padStart(9)}${"offset p50".padStart(12)}${"p95".padStart(9)}${"ratio".padStart(8)}`,
  );
  const ratios: number[] = [];
  const keysetP50: { label: string; ms: number }[] = [];
  for (const c of cases) {
    for (const position of c.positions) {
      const query = { q: "", sort: c.sort, ...c.filter.value, perPage: PER_PAGE, ...position };
      const offsetQuery = { ...query, page: position.page };
      await findApprovalQueue(db, query); // warm-up
      const keyset: number[] = [];
      const offset: number[] = [];
      for (let i = 0; i < opts.runs; i++) {
        const t0 = performance.now();
        const page = await findApprovalQueue(db, query);
        keyset.push(performance.now() - t0);
        if (page.rows.length === 0) throw new Error(`empty ${position.which} page`);
        if (i < opts.baselineRuns) {
          const t1 = performance.now();
          await findQueueByOffset(db, offsetQuery);
          offset.push(performance.now() - t1);
        }
      }
      const ratio = median(keyset) / median(offset);
      ratios.push(ratio);
      const sortLabel = `${c.sort.id}.${c.sort.desc ? "desc" : "asc"}`;
      keysetP50.push({
        label: `${sortLabel} ${c.filter.label} ${position.which}`,
        ms: median(keyset),
      });
      console.log(
        `${sortLabel.padEnd(13)}${c.filter.label.padEnd(18)}${`${position.which} (${position.page})`.padEnd(15)}${fmt(median(keyset))}${fmt(p95(keyset), 9)}${fmt(median(offset), 12)}${fmt(p95(offset), 9)}${ratio.toFixed(2).padStart(8)}`,
      );
    }
  }

  console.log("\nplans of the page queries (the middle page, as Next reaches it):");
  for (const c of cases) {
    const spec = queueKeyset({ q: "", sort: c.sort, ...c.filter.value });
    const middle = c.positions[1]!;
    const window = middle.cursor ? decodeCursor(middle.cursor, spec.sortId, spec.order.keys) : null;
    // As findKeysetPage reads it: few matching rows are collected and sorted, many walk an index.
    const isFew = c.matching <= EXACT_COUNT_LIMIT;
    const sql = windowSql(spec, window ?? { kind: "first" }, PER_PAGE, { isFew });
    const plan = await db.$queryRaw<Record<string, unknown>[]>`EXPLAIN (FORMAT JSON) ${sql}`;
    console.log(
      `  ${`${c.sort.id}.${c.sort.desc ? "desc" : "asc"}`.padEnd(13)}${c.filter.label.padEnd(18)}${planSummary(plan)}`,
    );
  }

  if (render) {
    const admin = await createUser(db, { role: "admin", email: "bench-admin@example.test" });
    await renderPages({
      databaseUrl: database.url,
      admin,
      cases,
      runs: opts.runs,
      targetMs: TARGET_MS,
    });
  }

  const worst = keysetP50.reduce((a, b) => (b.ms > a.ms ? b : a));
  const met = keysetP50.filter((k) => k.ms <= TARGET_MS).length;
  console.log(
    `\n${opts.grants.toLocaleString("en")} grants: query p50 ≤ ${TARGET_MS} ms in ${met} of ${keysetP50.length} cases; slowest ${worst.label}: ${worst.ms.toFixed(1)} ms`,
  );
  console.log(
    `ratio vs offset (median over cases, keyset / offset p50): ${median(ratios).toFixed(2)}`,
  );
} finally {
  await db.$disconnect();
  await database.drop();
}
