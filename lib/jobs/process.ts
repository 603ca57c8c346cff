// The one job runner of this server process, started from instrumentation.ts and shared through
// globalThis (Next.js may load this module more than once: instrumentation, routes, actions).
// The front server stops it on shutdown (lib/runtime/front-server.ts).
import { getDb } from "../db";
import { getEnv } from "../env";
import { runningJobRunner, sharedJobRunner } from "../runtime/shared";
import { dispatchDueDeliveries } from "../webhooks/dispatcher";
import { WEBHOOK_DISPATCH_JOB } from "../webhooks/jobs";
import { webhookDispatchSettings } from "../webhooks/keys";
import { recurringJobs } from "./registry";
import { startJobRunner, type JobRunner } from "./runner";

async function startRunner(): Promise<JobRunner | null> {
  try {
    const env = getEnv();
    if (env.JOBS_ENABLED === "false") return null;
    const runner = await startJobRunner({
      databaseUrl: env.DATABASE_URL,
      db: getDb(),
      jobs: recurringJobs,
      poolSize: Math.min(3, env.DB_POOL_SIZE),
    });
    console.info(`Jobs: ${recurringJobs.map((j) => j.name).join(", ")}`);
    return runner;
  } catch (error) {
    console.error(
      "The job runner did not start; scheduled work waits for another instance or a restart.",
      error,
    );
    return null;
  }
}

export function startJobsInThisProcess(): Promise<JobRunner | null> {
  return sharedJobRunner(startRunner);
}

/** After a commit that queued webhook deliveries: through pg-boss when it runs here, else directly. */
export async function kickWebhookDispatch(): Promise<void> {
  const runner = await runningJobRunner();
  if (runner) {
    await runner.kick(WEBHOOK_DISPATCH_JOB);
    return;
  }
  // No runner in this instance (JOBS_ENABLED=false): deliver now; row claims keep it exactly-once.
  await dispatchDueDeliveries(getDb(), webhookDispatchSettings());
}
