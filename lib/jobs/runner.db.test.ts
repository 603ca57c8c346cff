import { describe, expect, it } from "vitest";
import { setupTestDb } from "../testing/setup-test-db";
import { JOB_HEALTH_LIMITS, readJobsHealth } from "./health";
import { startJobRunner } from "./runner";
import type { RecurringJob } from "../recurring-job";

const t = setupTestDb();
const quiet = { info: () => {}, error: () => {} };

async function waitFor(check: () => boolean, timeoutMs = 15_000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the job runner (pg-boss on the portal's database)", () => {
  it("starts, schedules every job on its cron, runs it with the database, and runs a kick", async () => {
    const runs: { at: number; users: number }[] = [];
    const job: RecurringJob = {
      name: "test.tick",
      cron: "* * * * *",
      run: async ({ db, now }) =>
        void runs.push({ at: now().getTime(), users: await db.user.count() }),
    };
    const started = Date.now();
    const runner = await startJobRunner({
      databaseUrl: t.url,
      db: t.db,
      jobs: [job],
      cronMonitorIntervalSeconds: 1,
      pollingIntervalSeconds: 0.5,
      log: quiet,
    });
    try {
      console.info(`[${t.backend}] pg-boss started in ${Date.now() - started} ms`);
      expect((await runner.boss.getSchedules()).map((s) => s.name)).toEqual(["test.tick"]);
      await waitFor(() => runs.length >= 1);
      expect(runs[0]!.users).toBeGreaterThanOrEqual(0);
      await waitFor(
        () => runs.length >= 1 && Date.now() - runs[runs.length - 1]!.at > 1500,
        5000,
      ).catch(() => {});
      const before = runs.length;
      const kicked = Date.now();
      expect(await runner.kick("test.tick")).toBe(true);
      await waitFor(() => runs.length > before);
      console.info(`[${t.backend}] a kick ran ${Date.now() - kicked} ms after it was sent`);
    } finally {
      await runner.stop();
    }
  });

  it("fires a schedule at most once per minute even with two instances running", async () => {
    const runs: number[] = [];
    const job: RecurringJob = {
      name: "test.shared",
      cron: "* * * * *",
      run: async () => void runs.push(Date.now()),
    };
    const options = {
      databaseUrl: t.url,
      db: t.db,
      jobs: [job],
      cronMonitorIntervalSeconds: 1,
      pollingIntervalSeconds: 0.5,
      log: quiet,
    };
    const [a, b] = [await startJobRunner(options), await startJobRunner(options)];
    try {
      await waitFor(() => runs.length >= 1);
      await new Promise((resolve) => setTimeout(resolve, 4000));
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    const minutes = runs.map((at) => Math.floor(at / 60_000));
    expect(new Set(minutes).size).toBe(runs.length);
  });

  it("drops the schedule of a job no longer in the registry", async () => {
    const job: RecurringJob = { name: "test.kept", cron: "0 3 * * *", run: async () => {} };
    const runner = await startJobRunner({ databaseUrl: t.url, db: t.db, jobs: [job], log: quiet });
    try {
      expect((await runner.boss.getSchedules()).map((s) => s.name)).toEqual(["test.kept"]);
    } finally {
      await runner.stop();
    }
  });

  it("keeps a long run's job by renewing its lease: another instance does not start it meanwhile", async () => {
    let running = 0;
    let mostAtOnce = 0;
    let runs = 0;
    const job: RecurringJob = {
      name: "test.long",
      cron: "0 3 * * *",
      run: async () => {
        runs++;
        mostAtOnce = Math.max(mostAtOnce, ++running);
        await new Promise((resolve) => setTimeout(resolve, 9000)); // three leases long
        running--;
      },
    };
    const options = {
      databaseUrl: t.url,
      db: t.db,
      jobs: [job],
      pollingIntervalSeconds: 0.5,
      leaseSeconds: 3,
      maintenanceIntervalSeconds: 1,
      log: quiet,
    };
    const [a, b] = [await startJobRunner(options), await startJobRunner(options)];
    let jobs: { state: string; retries: number }[];
    try {
      await a.kick("test.long");
      await waitFor(() => runs === 1);
      await waitFor(() => running === 0, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      jobs = await t.db.$queryRaw`
        SELECT state::text AS state, retry_count AS retries FROM pgboss.job WHERE name = 'test.long'`;
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    // Without renewals maintenance would have failed it over (state "retry") while it still ran.
    expect(jobs).toEqual([{ state: "completed", retries: 0 }]);
    expect({ runs, mostAtOnce }).toEqual({ runs: 1, mostAtOnce: 1 });
  }, 40_000);

  it("reports each queue's oldest waiting and oldest running job, and is degraded past the limit", async () => {
    let release = () => {};
    let isRunning = false;
    const job: RecurringJob = {
      name: "test.stuck",
      cron: "0 3 * * *",
      run: () => {
        isRunning = true;
        return new Promise<void>((resolve) => (release = resolve));
      },
    };
    const runner = await startJobRunner({
      databaseUrl: t.url,
      db: t.db,
      jobs: [job],
      pollingIntervalSeconds: 0.5,
      log: quiet,
    });
    try {
      expect(await readJobsHealth(t.db, ["test.stuck"])).toMatchObject({
        status: "ok",
        queues: { "test.stuck": { waiting: 0, active: 0, oldestWaitingSeconds: null } },
      });
      await runner.kick("test.stuck");
      await waitFor(() => isRunning);
      // A tick due long ago waits behind the running one (the "stately" queue holds one of each).
      const overdue = JOB_HEALTH_LIMITS.waitingSeconds + 10;
      await runner.boss.send(
        "test.stuck",
        {},
        { startAfter: new Date(Date.now() - overdue * 1000) },
      );
      const health = await readJobsHealth(t.db, ["test.stuck"]);
      expect(health).toMatchObject({
        status: "degraded",
        queues: { "test.stuck": { waiting: 1, active: 1 } },
        problems: [expect.stringMatching(/^test\.stuck: a due job has waited \d+/)],
      });
      if (health.status === "unknown") throw new Error("expected figures");
      expect(health.queues["test.stuck"]!.oldestWaitingSeconds).toBeGreaterThanOrEqual(overdue);
      expect(health.queues["test.stuck"]!.oldestActiveSeconds).toBeLessThan(30);
    } finally {
      release();
      await runner.stop();
    }
  });
});
