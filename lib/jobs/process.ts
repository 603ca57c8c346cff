// The one job runner of this server process, started from instrumentation.ts and shared through
// globalThis (Next.js may load this module more than once: instrumentation, routes, actions).
// The front server stops it on shutdown (lib/runtime/front-server.ts). A runner that cannot start
// (the database is down while the instance boots) tries again with backoff, so the instance picks
// up its share of the work once the database is back, unrestarted.
import { getDb } from "../db";
import { getEnv } from "../env";
import { dispatchDueDeliveries } from "../webhooks/dispatcher";
import { WEBHOOK_DISPATCH_JOB } from "../webhooks/jobs";
import { webhookDispatchSettings } from "../webhooks/keys";
import { installJobs, sharedJobs, type RunnerStatus, type SharedJobs } from "../instance";
import { recurringJobs } from "./registry";
import { startJobRunner, type JobRunner } from "./runner";

export function jobRunnerStatus(): RunnerStatus | "not started" {
  return sharedJobs()?.status ?? "not started";
}

async function startWithRetries(jobs: SharedJobs<JobRunner>) {
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
  if (sharedJobs()) return;
  if (getEnv().JOBS_ENABLED === "false") {
    installJobs({ status: "disabled", runner: null });
    return;
  }
  const jobs: SharedJobs<JobRunner> = { status: "starting", runner: null };
  installJobs(jobs);
  void startWithRetries(jobs);
}

/** After a commit that queued webhook deliveries: through pg-boss when it runs here, else directly. */
export async function kickWebhookDispatch(): Promise<void> {
  const runner = (sharedJobs() as SharedJobs<JobRunner> | undefined)?.runner;
  if (runner) {
    await runner.kick(WEBHOOK_DISPATCH_JOB);
    return;
  }
  // No runner in this instance (JOBS_ENABLED=false, or not started yet): deliver now; row claims
  // keep it exactly-once.
  await dispatchDueDeliveries(getDb(), webhookDispatchSettings());
}
