/**
 * Campaign-opening benchmark:  npm run bench:campaign
 *
 * Loads 100,000 live grants (2,000 apps × 50 scopes over 200 partners) into a throwaway PostgreSQL
 * database with set-based INSERT … SELECT, then opens an access-review campaign over all of them
 * (openCampaignInTx: one INSERT … SELECT with round-robin assignment over 5 reviewers) several
 * times, each in a transaction rolled back afterwards so every run starts from the same state.
 * Prints the median and items/s, and checks the first page of a reviewer's item list. As a
 * baseline, each run also copies its items into a table with the same indexes but no foreign keys
 * (the floor of a set-based insert on this server) and the ratio to it is printed.
 * Target: ≤ 5 s. Needs PostgreSQL (TEST_DATABASE_URL, default the local server).
 */
import { createPrismaClient } from "../../lib/database/client";
import { createTestDatabase, isPostgresReachable } from "../../lib/database/test-database";
import { openCampaignInTx } from "../../lib/reviews/open";
import { findCampaignItems } from "../../lib/reviews/queries";
import { createUser } from "../../prisma/factories";
import { insertPartnersAndApps, RESOURCE_TYPES_CTE } from "./fixtures";

const APPS = 2_000;
const PER_APP = 50;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_MS = 5_000;

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
        { timeout: 120_000 },
      )
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
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
  console.log(
    `\nopen a campaign over ${live.toLocaleString("en")} grants: median ${(p50 / 1000).toFixed(2)} s, ${Math.round(live / (p50 / 1000)).toLocaleString("en")} items/s (target ≤ ${TARGET_MS / 1000} s) ${p50 <= TARGET_MS ? "✓" : "✗"}`,
  );

  const base = median(baselines);
  console.log(
    `baseline (copy of the same rows, same indexes, no foreign keys): median ${(base / 1000).toFixed(2)} s — ratio opening / baseline: ${(p50 / base).toFixed(2)}`,
  );
  // The reviewer's list is paginated on the server: one page of one reviewer's 20,000 items.
  const kept = await db.$transaction(
    (tx) =>
      openCampaignInTx(tx, schedule, { now: new Date(), periodKey: "bench-kept", actor: null }),
    { timeout: 120_000 },
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
