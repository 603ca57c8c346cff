// One queue's worker, with a lease instead of pg-boss's fixed expiry. A run holds its job for
// `leaseSeconds` and renews that every third of it while the handler works, so a long run keeps
// its job, and a run whose process died (kill -9, lost host) or lost its database gives the job up
// within one lease: pg-boss's maintenance then fails it over to the next instance. pg-boss 10's
// own work() cannot do this: its timeout is the job's expiry, fixed when the run starts.
import type PgBoss from "pg-boss";
import type { JobContext, RecurringJob } from "../recurring-job";

export type WorkerSettings = {
  leaseSeconds: number;
  /** A run that has not finished after this stops renewing, so a hung handler cannot hold its queue. */
  maxRunSeconds: number;
  pollingIntervalMs: number;
};
type Log = Pick<Console, "info" | "error">;

// A run is the job's id and its retry_count, which pg-boss raises each time the job is fetched
// again: a run never renews or completes a later run of the same job on another instance.
const RENEW = `UPDATE pgboss.job SET expire_in = (now() - started_on) + $4 * interval '1 second'
  WHERE name = $1 AND id = $2 AND retry_count = $3 AND state = 'active' RETURNING 1`;
const COMPLETE = `UPDATE pgboss.job SET state = 'completed', completed_on = now()
  WHERE name = $1 AND id = $2 AND retry_count = $3 AND state = 'active' RETURNING 1`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Run {
  private readonly startedAt = Date.now();
  private readonly timer: ReturnType<typeof setInterval>;
  private isSettled = false;
  private isLeaseLost = false;

  constructor(
    private readonly boss: PgBoss,
    private readonly name: string,
    private readonly job: { id: string; retryCount: number },
    private readonly settings: WorkerSettings,
    private readonly log: Log,
  ) {
    this.timer = setInterval(() => void this.renew(), (settings.leaseSeconds * 1000) / 3);
    this.timer.unref?.();
  }

  private params = () => [this.name, this.job.id, this.job.retryCount];

  /** True when the lease was extended; false when the job is no longer this run's or the database is away. */
  private async renew(): Promise<boolean> {
    if (Date.now() - this.startedAt > this.settings.maxRunSeconds * 1000) {
      if (!this.isLeaseLost)
        this.log.error(
          `job ${this.name} has run for over ${this.settings.maxRunSeconds} s; another instance may take it over`,
        );
      return this.lose();
    }
    try {
      const result = await this.boss
        .getDb()
        .executeSql(RENEW, [...this.params(), this.settings.leaseSeconds]);
      return result?.rows.length ? true : this.lose();
    } catch {
      return false; // unreachable for now: a later renewal may still get through within the lease
    }
  }

  private lose(): false {
    this.isLeaseLost = true;
    clearInterval(this.timer);
    return false;
  }

  /**
   * Records the outcome, trying again while the database is unreachable for up to one lease; after
   * that the lease has run out anyway and maintenance hands the job on.
   */
  async settle(failure: unknown, withinMs = this.settings.leaseSeconds * 1000): Promise<boolean> {
    if (this.isSettled) return true; // already failed over by stop()
    const deadline = Date.now() + withinMs;
    let isRecorded = false;
    try {
      while (!this.isSettled && !this.isLeaseLost && Date.now() < deadline) {
        try {
          if (failure === null) {
            const result = await this.boss.getDb().executeSql(COMPLETE, this.params());
            isRecorded = Boolean(result?.rows.length);
            this.isSettled = true;
          } else if (await this.renew()) {
            // Renewed just now, so maintenance cannot have handed the job on before this fail.
            const message = failure instanceof Error ? failure.message : String(failure);
            await this.boss.fail(this.name, this.job.id, { message: message.slice(0, 500) });
            isRecorded = true;
            this.isSettled = true;
          }
        } catch {
          // the database is away: try again shortly
        }
        if (!this.isSettled && !this.isLeaseLost) await sleep(1000);
      }
    } finally {
      this.isSettled = true;
      clearInterval(this.timer);
    }
    return isRecorded;
  }
}

export class QueueWorker {
  private isStopping = false;
  private wakeUp: (() => void) | null = null;
  private loop: Promise<void> = Promise.resolve();
  private current: Run | null = null;

  constructor(
    private readonly boss: PgBoss,
    private readonly job: RecurringJob,
    private readonly context: JobContext,
    private readonly settings: WorkerSettings,
    private readonly log: Log,
  ) {}

  start(): void {
    this.loop = this.runLoop();
  }

  /** Fetches now instead of at the next poll (a kick from this process). */
  wake(): void {
    this.wakeUp?.();
  }

  /**
   * Stops fetching. graceful: waits up to `timeoutMs` for the running handler first. Either way a
   * run still going is failed, so pg-boss retries it on a live instance instead of waiting out its lease.
   */
  async stop(options: { graceful: boolean; timeoutMs: number }): Promise<void> {
    this.isStopping = true;
    this.wake();
    if (options.graceful) await Promise.race([this.loop, sleep(options.timeoutMs)]);
    await this.current?.settle(new Error("the instance stopped while the job ran"), 5000);
  }

  private async runLoop(): Promise<void> {
    while (!this.isStopping) {
      let fetched: { id: string; retryCount: number } | undefined;
      try {
        [fetched] = await this.boss.fetch(this.job.name, { includeMetadata: true });
      } catch {
        fetched = undefined; // pg-boss is stopping or the database is away: poll again
      }
      if (fetched) await this.runOne(fetched);
      else await this.pause(this.settings.pollingIntervalMs);
    }
  }

  private async runOne(job: { id: string; retryCount: number }): Promise<void> {
    const run = new Run(this.boss, this.job.name, job, this.settings, this.log);
    this.current = run;
    let failure: unknown = null;
    try {
      await this.job.run(this.context);
    } catch (error) {
      failure = error;
      this.log.error(`job ${this.job.name} failed; it is retried`, error);
    }
    this.current = null;
    if (!(await run.settle(failure)))
      this.log.info(`job ${this.job.name}: its lease ran out before the outcome was recorded`);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
