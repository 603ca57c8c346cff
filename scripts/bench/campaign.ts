/**
 * Campaign-opening benchmark:  npm run bench:campaign [-- --grants 1000000 --runs 3]
 *
 * Loads `--grants` live grants (default 100,000: apps × 50 scopes over 200 partners) into a
 * throwaway PostgreSQL database with set-based INSERT … SELECT, then opens an access-review
 * campaign over all of them (openCampaignInTx: one INSERT … SELECT with round-robin assignment over
 * 5 reviewers, its references checked once for the statement) several times, each in a
 * transaction rolled back afterwards so every run starts from the same state. As a baseline, each
 * run then copies its items with a plain INSERT … SELECT into a table with the same columns and
 * indexes and nothing else (no triggers, no foreign keys): the floor of a set-based insert of
 * those rows on this server, at that moment. Prints the medians and their ratio, and times a page
 * of a reviewer's item list. Targets: ≤ 3× the plain insert; at 1 M grants ≤ 10 s.
 * Needs PostgreSQL (TEST_DATABASE_URL, default the local server).
 */
import { parseArgs } from "node:util";
import { createPrismaClient } from "../../lib/database/client";
import { createTestDatabase, isPostgresReachable } from "../../lib/database/test-database";
import { openCampaignInTx } from "../../lib/reviews/open";
import { findCampaignItems } from "../../lib/reviews/queries";
import { createUser } from "../../prisma/factories";
import { insertPartnersAndApps, RESOURCE_TYPES_CTE } from "./fixtures";

const { values: args } = parseArgs({
  options: { grants: { type: "string", default: "100000" }, runs: { type: "string" } },
});
const PER_APP = 50;
const APPS = Math.max(1, Math.round(Number(args.grants) / PER_APP));
const RUNS = Number(args.runs ?? process.env.BENCH_RUNS ?? (APPS * PER_APP >= 500_000 ? 3 : 5));
const TARGET_RATIO = 3;
const TARGET_MS_AT_1M = 10_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
class Rollback extends Error {}

if (!(await isPostgresReachable())) {
  console.error(
    "bench:campaign needs PostgreSQL (set TEST_DATABASE_URL, or start the local server).",
  );
  process.exit(2);
}

const database = await createTestDatabase({ backend: "postgres" });
const db = createPrismaClient(database.url, { poolSize: 4 });
try {
  const started = performance.now();
  await insertPartnersAndApps(db, APPS);
  await db.$executeRawUnsafe(`
    WITH ${RESOURCE_TYPES_CTE}
    INSERT INTO "AppScope" ("id", "appId", "scope", "requested", "state", "risk", "policyOutcome", "approvalsRequired", "grantedAt", "updatedAt")
    SELECT gen_random_uuid(), a."id", s.scope, s.scope, 'granted',
      (CASE WHEN j % 4 = 0 THEN 'critical' WHEN j % 4 = 1 THEN 'high' WHEN j % 4 = 2 THEN 'medium' ELSE 'low' END)::"RiskLevel",
      'one_approver', 1, now() - (j || ' days')::interval, now()
    FROM "App" a
    CROSS JOIN generate_series(0, ${PER_APP - 1}) AS j
    JOIN types ON types.k = j % 25
    CROSS JOIN LATERAL (SELECT (CASE WHEN j < 25 THEN 'system/' ELSE 'user/' END) || types.t || '.rs' AS scope) s`);
  await db.$executeRawUnsafe(`ANALYZE`);
  const live = await db.appScope.count({ where: { state: "granted" } });
  console.log(
    `loaded ${live.toLocaleString("en")} live grants across ${APPS.toLocaleString("en")} apps in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const reviewers = [];
  for (let i = 0; i < 5; i++)
    reviewers.push(
      await createUser(db, { role: "reviewer", email: `bench-reviewer-${i}@example.test` }),
    );
  const schedule = await db.reviewSchedule.create({
    data: {
      name: "Bench quarterly",
      cadence: "quarterly",
      scopeFilter: "all",
      assignment: "round_robin",
      reviewerIds: reviewers.map((r) => r.id),
      nextRunAt: new Date(),
    },
  });

  const times: number[] = [];
  const baselines: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const t0 = performance.now();
    let items = 0;
    let ms = 0;
    let baselineMs = 0;
    await db
      .$transaction(
        async (tx) => {
          const opened = await openCampaignInTx(tx, schedule, {
            now: new Date(),
            periodKey: `bench-${run}`,
            actor: null,
          });
          items = opened!.items;
          ms = performance.now() - t0;
          // Baseline, same transaction: copy the opened items into a table with the same columns and
          // indexes but no foreign keys — the floor any set-based opening pays on this server.
          await tx.$executeRawUnsafe(
            `CREATE TABLE "BenchItemCopy" (LIKE "ReviewItem" INCLUDING ALL)`,
          );
          const b0 = performance.now();
          await tx.$executeRawUnsafe(
            `INSERT INTO "BenchItemCopy" SELECT * FROM "ReviewItem" WHERE "campaignId" = $1::uuid`,
            opened!.campaignId,
          );
          baselineMs = performance.now() - b0;
          throw new Rollback();
        },
        { timeout: 600_000 },
      )
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    // The rolled-back rows stay behind as dead tuples; clear them so every run starts alike.
    await db.$executeRawUnsafe(`VACUUM "ReviewItem", "AppScope"`);
    if (items !== live) throw new Error(`opened ${items} items, expected ${live}`);
    if (run === 0) console.log(`warm-up: ${(ms / 1000).toFixed(2)} s`);
    else {
      times.push(ms);
      baselines.push(baselineMs);
      console.log(
        `run ${run}: ${items.toLocaleString("en")} items in ${(ms / 1000).toFixed(2)} s (baseline copy ${(baselineMs / 1000).toFixed(2)} s)`,
      );
    }
  }
  const p50 = median(times);
  const base = median(baselines);
  const ratio = p50 / base;
  // The machine's load drifts within a run; each run's own pair is the steadier comparison.
  const pairRatio = median(times.map((t, i) => t / baselines[i]!));
  console.log(
    `\nopen a campaign over ${live.toLocaleString("en")} grants: median ${(p50 / 1000).toFixed(2)} s, ${Math.round(live / (p50 / 1000)).toLocaleString("en")} items/s`,
  );
  console.log(
    `plain INSERT … SELECT of the same rows (same indexes, no triggers or foreign keys), same runs: median ${(base / 1000).toFixed(2)} s`,
  );
  const targets = [`≤ ${TARGET_RATIO}× ${ratio <= TARGET_RATIO ? "✓" : "✗"}`];
  if (live >= 1_000_000)
    targets.push(`≤ ${TARGET_MS_AT_1M / 1000} s at 1 M ${p50 <= TARGET_MS_AT_1M ? "✓" : "✗"}`);
  console.log(`median of each run's opening / plain insert: ${pairRatio.toFixed(2)}`);
  console.log(`ratio opening / plain insert: ${ratio.toFixed(2)} (targets ${targets.join(", ")})`);
  // The reviewer's list is paginated on the server: one page of one reviewer's fifth of the items.
  const kept = await db.$transaction(
    (tx) =>
      openCampaignInTx(tx, schedule, { now: new Date(), periodKey: "bench-kept", actor: null }),
    { timeout: 600_000 },
  );
  const t1 = performance.now();
  const page = await findCampaignItems(db, kept!.campaignId, reviewers[0]!.id, {
    page: 40,
    perPage: 25,
    cursor: null,
    q: "",
    sort: { id: "risk", desc: true },
    status: "pending",
  });
  console.log(
    `reviewer item list, page 40 of ${page.pageCount} (${page.total.toLocaleString("en")} items): ${(performance.now() - t1).toFixed(0)} ms for ${page.rows.length} rows`,
  );
} finally {
  await db.$disconnect();
  await database.drop();
}
