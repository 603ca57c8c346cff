import { getDb } from "@/lib/db";
import { readJobsHealth, JOB_HEALTH_LIMITS, type JobsHealth } from "@/lib/jobs/health";
import { jobRunnerStatus } from "@/lib/jobs/process";
import { recurringJobs } from "@/lib/jobs/registry";
import { getAvailability } from "@/lib/runtime/availability";
import { getEnforcementApi } from "@/lib/server/enforcement";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const TIMEOUT_MS = 3000;

function withinTimeout<T>(work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS),
    ),
  ]);
}

const summaryOf = (error: unknown) =>
  error instanceof Error ? (error.message.trim().split("\n").at(-1) ?? "") : "unreachable";

/**
 * For load balancers and monitoring. The status code says whether this instance can serve: 200
 * while the database answers, 503 when it does not. The body says more: "status" is "ok", or
 * "degraded" when a job queue is behind (JOB_HEALTH_LIMITS) — a backlog of background work is
 * the same on every instance, so it must not take a web instance out of the load balancer; alert
 * on the body instead. "grantCache" says whether this instance's decisions are within their
 * freshness bound (when they are not, decisions are read from the database: slower, still correct)
 * and whether it is warm: 503 "starting" until every client's grants have been loaded at start.
 */
export async function GET() {
  const started = Date.now();
  let database: { status: "up" | "down"; latencyMs?: number; error?: string };
  let jobs: JobsHealth;
  try {
    await withinTimeout(getDb().$queryRaw`SELECT 1`);
    database = { status: "up", latencyMs: Date.now() - started };
    jobs = await withinTimeout(
      readJobsHealth(
        getDb(),
        recurringJobs.map((j) => j.name),
      ),
    ).catch((error: unknown) => ({ status: "unknown" as const, error: summaryOf(error) }));
  } catch (error) {
    getAvailability().report(error);
    database = { status: "down", error: summaryOf(error) };
    jobs = { status: "unknown", error: "The database is unreachable." };
  }
  const isUp = database.status === "up";
  const grants = isUp ? (await getEnforcementApi().catch(() => null))?.grants : undefined;
  // Until every client's grants are in memory the instance is not ready for gateways' traffic.
  const isWarm = grants?.isReady() ?? false;
  return Response.json(
    {
      status: !isUp
        ? "down"
        : !isWarm
          ? "starting"
          : jobs.status === "degraded"
            ? "degraded"
            : "ok",
      app: { status: "up" },
      database,
      jobs: { ...jobs, runner: jobRunnerStatus(), limits: JOB_HEALTH_LIMITS },
      grantCache: grants
        ? {
            isReady: isWarm,
            isFresh: grants.isFresh(),
            entries: grants.size,
            warmUp: grants.warmUp(),
          }
        : null,
      time: new Date().toISOString(),
    },
    { status: isUp && isWarm ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
