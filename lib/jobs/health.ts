// How the job queues are doing, for GET /api/health: per queue, how long its oldest due job has
// been waiting and how long its oldest running job has been running. The figures come from the
// shared database, so every instance reports the same ones, whether or not it runs jobs itself.
import type { Db } from "../database/client";

/**
 * Past these, jobs are "degraded". A due job waits at most one lease plus one maintenance pass
 * (45 s) behind a crashed run, and a tick at most a minute: 2 minutes means work is not resuming.
 * A run renews its lease for at most 15 minutes (lib/jobs/runner.ts).
 */
export const JOB_HEALTH_LIMITS = { waitingSeconds: 120, activeSeconds: 15 * 60 } as const;

export type QueueHealth = {
  waiting: number;
  active: number;
  oldestWaitingSeconds: number | null;
  oldestActiveSeconds: number | null;
};

export type JobsHealth =
  | { status: "ok" | "degraded"; queues: Record<string, QueueHealth>; problems: string[] }
  | { status: "unknown"; error: string };

type Row = { name: string } & QueueHealth;

export async function readJobsHealth(db: Db, names: readonly string[]): Promise<JobsHealth> {
  const [schema] = await db.$queryRaw<{ exists: boolean }[]>`
    SELECT to_regclass('pgboss.job') IS NOT NULL AS "exists"`;
  if (!schema?.exists)
    return { status: "unknown", error: "The job runner has not started on this database yet." };
  const rows = await db.$queryRawUnsafe<Row[]>(
    `SELECT name,
       (count(*) FILTER (WHERE state < 'active' AND start_after <= now()))::int AS waiting,
       (count(*) FILTER (WHERE state = 'active'))::int AS active,
       EXTRACT(EPOCH FROM now() - min(start_after) FILTER (WHERE state < 'active' AND start_after <= now()))::float8 AS "oldestWaitingSeconds",
       EXTRACT(EPOCH FROM now() - min(started_on) FILTER (WHERE state = 'active'))::float8 AS "oldestActiveSeconds"
     FROM pgboss.job WHERE name = ANY($1::text[]) AND state <= 'active'
     GROUP BY name`,
    names,
  );
  const queues: Record<string, QueueHealth> = {};
  const problems: string[] = [];
  for (const name of names) {
    const row = rows.find((r) => r.name === name);
    const queue: QueueHealth = {
      waiting: row?.waiting ?? 0,
      active: row?.active ?? 0,
      oldestWaitingSeconds: round(row?.oldestWaitingSeconds),
      oldestActiveSeconds: round(row?.oldestActiveSeconds),
    };
    queues[name] = queue;
    if ((queue.oldestWaitingSeconds ?? 0) > JOB_HEALTH_LIMITS.waitingSeconds)
      problems.push(`${name}: a due job has waited ${queue.oldestWaitingSeconds} s`);
    if ((queue.oldestActiveSeconds ?? 0) > JOB_HEALTH_LIMITS.activeSeconds)
      problems.push(`${name}: a job has been running for ${queue.oldestActiveSeconds} s`);
  }
  return { status: problems.length ? "degraded" : "ok", queues, problems };
}

const round = (seconds: number | null | undefined) =>
  seconds === null || seconds === undefined ? null : Math.round(seconds * 10) / 10;
