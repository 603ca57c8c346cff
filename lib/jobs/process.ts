// The one job runner of this server process, started from instrumentation.ts and shared through
// globalThis (Next.js may load this module more than once: instrumentation, routes, actions).
// A runner that cannot start (the database is down while the instance boots) tries again with
// backoff, so the instance picks up its share of the work once the database is back, unrestarted.
import { getDb } from "../db";
import { getEnv } from "../env";
import { dispatchDueDeliveries } from "../webhooks/dispatcher";
import { WEBHOOK_DISPATCH_JOB } from "../webhooks/jobs";
import { webhookDispatchSettings } from "../webhooks/keys";
import { recurringJobs } from "./registry";
import { startJobRunner, type JobRunner } from "./runner";

export type RunnerStatus = "disabled" | "starting" | "running" | "stopped";

type ProcessJobs = { status: RunnerStatus; runner: JobRunner | null };
const state = globalThis as unknown as { scopewardenJobs?: ProcessJobs };

export function jobRunnerStatus(): RunnerStatus | "not started" {
  return state.scopewardenJobs?.status ?? "not started";
}

async function startWithRetries(jobs: ProcessJobs) {
  const env = getEnv();
  for (let attempt = 0; jobs.status === "starting"; attempt++) {
    try {
      const runner = await startJobRunner({
        databaseUrl: env.DATABASE_URL,
        db: getDb(),
        jobs: recurringJobs,
        poolSize: Math.min(3, env.DB_POOL_SIZE),
      });
      if (jobs.status !== "starting") return void (await runner.stop({ graceful: false })); // shut down meanwhile
      jobs.runner = runner;
      jobs.status = "running";
      console.info(`Jobs: ${recurringJobs.map((j) => j.name).join(", ")}`);
    } catch (error) {
      const waitSeconds = Math.min(30, 2 ** attempt);
      console.error(
        `The job runner did not start; trying again in ${waitSeconds} s.`,
        error instanceof Error ? error.message : error,
      );
      await new Promise((resolve) => setTimeout(resolve, waitSeconds * 1000).unref());
    }
  }
}

export function startJobsInThisProcess(): void {
  if (state.scopewardenJobs) return;
  if (getEnv().JOBS_ENABLED === "false") {
    state.scopewardenJobs = { status: "disabled", runner: null };
    return;
  }
  const jobs: ProcessJobs = { status: "starting", runner: null };
  state.scopewardenJobs = jobs;
  void startWithRetries(jobs);
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      jobs.status = "stopped";
      void jobs.runner
        ?.stop({ graceful: false })
        .catch((error) => console.error("job runner did not stop cleanly", error));
    });
  }
}

/** After a commit that queued webhook deliveries: through pg-boss when it runs here, else directly. */
export async function kickWebhookDispatch(): Promise<void> {
  const runner = state.scopewardenJobs?.runner;
  if (runner) {
    await runner.kick(WEBHOOK_DISPATCH_JOB);
    return;
  }
  // No runner in this instance (JOBS_ENABLED=false, or not started yet): deliver now; row claims
  // keep it exactly-once.
  await dispatchDueDeliveries(getDb(), webhookDispatchSettings());
}
