// The contract between background work and the job runner (pg-boss, lib/jobs/runner.ts), below
// both: domain folders define their jobs against it, lib/jobs lists and runs them. A
// recurring job is a name, a cron schedule and an idempotent function. Exactly-once effects come
// from the job itself (unique keys, row locks), never from the runner alone, so a job may safely
// run twice, late, or on two instances at once.
import type { Db } from "./database/client";

export type JobContext = {
  db: Db;
  /** The clock; tests inject their own. */
  now: () => Date;
};

export type RecurringJob = {
  /** pg-boss queue name, e.g. "reviews.tick" (letters, digits, dots, dashes). */
  name: string;
  /** Cron expression in UTC, minute granularity (pg-boss schedules), e.g. "* * * * *". */
  cron: string;
  run: (context: JobContext) => Promise<void>;
};
