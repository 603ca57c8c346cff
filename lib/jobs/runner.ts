// The job runner: pg-boss on the portal's own database (PostgreSQL, or the embedded PGlite over
// its socket). Each RecurringJob gets a queue, a cron schedule and a worker. pg-boss inserts one job
// per cron tick whichever instances are running (a singleton key per minute), and the "stately"
// queue policy keeps at most one queued and one running, so kicks and ticks never pile up.
import PgBoss from "pg-boss";
import type { Db } from "../database/client";
import type { JobContext, RecurringJob } from "../recurring-job";

export type JobRunner = {
  /** Queues one extra run of a job now (e.g. delivery right after a commit). False if one is already queued. */
  kick: (name: string) => Promise<boolean>;
  /**
   * graceful (default): waits up to 10 s for running jobs. On SIGTERM the process is about to exit,
   * so running jobs are marked failed at once instead: pg-boss retries them on a live instance.
   */
  stop: (options?: { graceful?: boolean }) => Promise<void>;
  boss: PgBoss;
};

export type RunnerOptions = {
  databaseUrl: string;
  db: Db;
  jobs: readonly RecurringJob[];
  now?: () => Date;
  /** pg-boss's own connections (the embedded database serves one session at a time: keep it small). */
  poolSize?: number;
  pollingIntervalSeconds?: number;
  /** Tests shorten pg-boss's cron checks (default 30 s). */
  cronMonitorIntervalSeconds?: number;
  log?: Pick<Console, "info" | "error">;
};

const SCHEMA = "pgboss";

export async function startJobRunner(options: RunnerOptions): Promise<JobRunner> {
  const log = options.log ?? console;
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: SCHEMA,
    max: options.poolSize ?? 3,
    application_name: "scopewarden-jobs",
    ...(options.cronMonitorIntervalSeconds
      ? {
          cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds,
          cronWorkerIntervalSeconds: options.cronMonitorIntervalSeconds,
        }
      : {}),
  });
  boss.on("error", (error) => log.error("job runner error", error));
  await boss.start();

  const context: JobContext = { db: options.db, now: options.now ?? (() => new Date()) };
  const names = new Set(options.jobs.map((j) => j.name));
  for (const job of options.jobs) {
    await boss.createQueue(job.name, {
      name: job.name,
      policy: "stately",
      retryLimit: 2,
      retryDelay: 30,
      expireInSeconds: 10 * 60,
    });
    await boss.schedule(job.name, job.cron, {}, { tz: "UTC" });
    await boss.work(
      job.name,
      { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
      async () => {
        try {
          await job.run(context);
        } catch (error) {
          log.error(`job ${job.name} failed; pg-boss retries it`, error);
          throw error;
        }
      },
    );
  }
  // A job removed from the registry stops firing instead of filling its queue forever.
  for (const schedule of await boss.getSchedules()) {
    if (!names.has(schedule.name)) await boss.unschedule(schedule.name);
  }

  let stopped = false;
  return {
    boss,
    kick: async (name) => (await boss.send(name, {})) !== null,
    stop: async ({ graceful = true } = {}) => {
      if (stopped) return;
      stopped = true;
      await boss.stop({ graceful, timeout: 10_000, wait: true });
    },
  };
}
