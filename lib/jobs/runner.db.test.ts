import { describe, expect, it } from "vitest";
import { setupTestDb } from "../testing/setup-test-db";
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
});
