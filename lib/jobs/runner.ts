// The job runner: pg-boss 10 on the portal's own database (PostgreSQL, or the embedded PGlite over
// its socket). Each RecurringJob gets a queue, a cron schedule and a worker (lib/jobs/worker.ts).
// pg-boss inserts one job per cron tick whichever instances are running, and the "stately" queue
// policy keeps at most one queued and one running, so kicks and ticks never pile up and two
// instances never run the same job at once.
//
// Recovery: a run holds its job by a lease (LEASE_SECONDS, renewed while it works), and pg-boss's
// maintenance, every MAINTENANCE_SECONDS on whichever instance gets there first, fails every job
// whose lease ran out. After a kill -9, or a database restart that broke a run, the queue is free
// again within LEASE_SECONDS + MAINTENANCE_SECONDS (45 s) and the tick waiting behind it runs at
// once. Work the dead run had claimed itself (a mail, a webhook delivery) goes out at the first
// tick after its own claim runs out (45 s): ticks reach the workers within CRON_CHECK_SECONDS +
// CRON_HANDOFF_SECONDS of the minute, so that is at most 45 + 60 + 9 s after the crash.
import PgBoss from "pg-boss";
import type { Db } from "../database/client";
import type { JobContext, RecurringJob } from "../recurring-job";
import { QueueWorker } from "./worker";

export const LEASE_SECONDS = 30;
export const MAINTENANCE_SECONDS = 15;
/** pg-boss's defaults (30 s, 5 s) let a minute's tick start up to 35 s late. */
const CRON_CHECK_SECONDS = 5;
const CRON_HANDOFF_SECONDS = 2;
const MAX_RUN_SECONDS = 15 * 60;

export type JobRunner = {
  /** Queues one extra run of a job now (e.g. delivery right after a commit). False if one is already queued. */
  kick: (name: string) => Promise<boolean>;
  /**
   * graceful (default): waits up to 10 s for running jobs. On SIGTERM the process is about to exit,
   * so running jobs are failed at once instead: pg-boss retries them on a live instance.
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
  /** Tests shorten pg-boss's cron checks (default CRON_CHECK_SECONDS). */
  cronMonitorIntervalSeconds?: number;
  /** Tests shorten the lease and maintenance (defaults LEASE_SECONDS, MAINTENANCE_SECONDS). */
  leaseSeconds?: number;
  maintenanceIntervalSeconds?: number;
  log?: Pick<Console, "info" | "error">;
};

/** pg-boss reports every failed query of its timers; during an outage, one line a minute per kind is enough. */
function throttled(log: Pick<Console, "error">) {
  const lastAt = new Map<string, number>();
  return (error: unknown) => {
    const message = error instanceof Error ? error.message.split(" (Queue:")[0]! : String(error);
    const at = lastAt.get(message) ?? 0;
    if (Date.now() - at < 60_000) return;
    lastAt.set(message, Date.now());
    log.error(`job runner: ${message}`);
  };
}

export async function startJobRunner(options: RunnerOptions): Promise<JobRunner> {
  const log = options.log ?? console;
  const cron = options.cronMonitorIntervalSeconds;
  // Passed through to pg.Pool (not in pg-boss's types): a connection attempt to an unreachable
  // server fails after 10 s instead of hanging the worker's fetch.
  const pool = { connectionTimeoutMillis: 10_000 };
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: "pgboss",
    max: options.poolSize ?? 3,
    application_name: "scopewarden-jobs",
    ...pool,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? MAINTENANCE_SECONDS,
    cronMonitorIntervalSeconds: cron ?? CRON_CHECK_SECONDS,
    cronWorkerIntervalSeconds: cron ?? CRON_HANDOFF_SECONDS,
  });
  boss.on("error", throttled(log));
  await boss.start();

  const context: JobContext = { db: options.db, now: options.now ?? (() => new Date()) };
  const leaseSeconds = options.leaseSeconds ?? LEASE_SECONDS;
  const settings = {
    leaseSeconds,
    maxRunSeconds: MAX_RUN_SECONDS,
    pollingIntervalMs: (options.pollingIntervalSeconds ?? 2) * 1000,
  };
  const workers = new Map<string, QueueWorker>();
  try {
    for (const job of options.jobs) {
      const queue = {
        policy: "stately" as const,
        retryLimit: 2,
        retryDelay: 30,
        expireInSeconds: leaseSeconds,
      };
      await boss.createQueue(job.name, { name: job.name, ...queue });
      await boss.updateQueue(job.name, { name: job.name, ...queue }); // queues made before leases
      await boss.schedule(job.name, job.cron, {}, { tz: "UTC" });
      workers.set(job.name, new QueueWorker(boss, job, context, settings, log));
    }
    // A job removed from the registry stops firing instead of filling its queue forever.
    const names = new Set(options.jobs.map((j) => j.name));
    for (const schedule of await boss.getSchedules()) {
      if (!names.has(schedule.name)) await boss.unschedule(schedule.name);
    }
  } catch (error) {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    throw error;
  }
  for (const worker of workers.values()) worker.start();

  let stopped = false;
  return {
    boss,
    kick: async (name) => {
      const id = await boss.send(name, {});
      workers.get(name)?.wake();
      return id !== null;
    },
    stop: async ({ graceful = true } = {}) => {
      if (stopped) return;
      stopped = true;
      await Promise.all([...workers.values()].map((w) => w.stop({ graceful, timeoutMs: 10_000 })));
      // Our workers are done; pg-boss's own (the cron hand-off) finishes its insert first.
      await boss.stop({ graceful: true, timeout: 2000, wait: true });
    },
  };
}
