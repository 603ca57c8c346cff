// The one job runner of this server process, started from instrumentation.ts and shared through
// globalThis (Next.js may load this module more than once: instrumentation, routes, actions).
import { getDb } from "../db";
import { getEnv } from "../env";
import { dispatchDueDeliveries } from "../webhooks/dispatcher";
import { WEBHOOK_DISPATCH_JOB } from "../webhooks/jobs";
import { webhookDispatchSettings } from "../webhooks/keys";
import { recurringJobs } from "./registry";
import { startJobRunner, type JobRunner } from "./runner";

const state = globalThis as unknown as { scopewardenJobs?: Promise<JobRunner | null> };

export function startJobsInThisProcess(): Promise<JobRunner | null> {
  state.scopewardenJobs ??= (async () => {
    const env = getEnv();
    if (env.JOBS_ENABLED === "false") return null;
    const runner = await startJobRunner({
      databaseUrl: env.DATABASE_URL,
      db: getDb(),
      jobs: recurringJobs,
      poolSize: Math.min(3, env.DB_POOL_SIZE),
    });
    console.info(`Jobs: ${recurringJobs.map((j) => j.name).join(", ")}`);
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.once(
        signal,
        () =>
          void runner
            .stop({ graceful: false })
            .catch((error) => console.error("job runner did not stop cleanly", error)),
      );
    }
    return runner;
  })().catch((error) => {
    console.error(
      "The job runner did not start; scheduled work waits for another instance or a restart.",
      error,
    );
    return null;
  });
  return state.scopewardenJobs;
}

/** After a commit that queued webhook deliveries: through pg-boss when it runs here, else directly. */
export async function kickWebhookDispatch(): Promise<void> {
  const runner = await (state.scopewardenJobs ?? Promise.resolve(null));
  if (runner) {
    await runner.kick(WEBHOOK_DISPATCH_JOB);
    return;
  }
  // No runner in this instance (JOBS_ENABLED=false): deliver now; row claims keep it exactly-once.
  await dispatchDueDeliveries(getDb(), webhookDispatchSettings());
}
