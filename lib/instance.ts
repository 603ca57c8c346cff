// What one server process shares between the front server and every Next.js route bundle: one
// database pool, one enforcement API (grant cache and change-log poller) and one job runner. They live on
// globalThis because Next.js loads its own copy of each module; the front server creates them
// first, and Next's routes find them here.
import type { Db } from "./database/client";
import type { EnforcementApi } from "./enforcement/http";

const state = globalThis as unknown as {
  scopewardenDb?: Db;
  scopewardenEnforcement?: Promise<EnforcementApi>;
  scopewardenJobs?: SharedJobs;
  scopewardenFrontServer?: boolean;
};

/** What the front server needs of the job runner (lib/jobs/runner.ts) to stop it. */
type StoppableRunner = { stop: (options?: { graceful?: boolean }) => Promise<void> };

export type RunnerStatus = "disabled" | "starting" | "running" | "stopped";
/** This process's job runner as lib/jobs/process.ts started it (Next.js's copy of the module). */
export type SharedJobs<R extends StoppableRunner = StoppableRunner> = {
  status: RunnerStatus;
  runner: R | null;
};

export function sharedDb(create: () => Db): Db {
  state.scopewardenDb ??= create();
  return state.scopewardenDb;
}

export function sharedEnforcementApi(
  start: () => Promise<EnforcementApi>,
): Promise<EnforcementApi> {
  state.scopewardenEnforcement ??= start().catch((error: unknown) => {
    state.scopewardenEnforcement = undefined;
    throw error;
  });
  return state.scopewardenEnforcement;
}

export const sharedJobs = (): SharedJobs | undefined => state.scopewardenJobs;

export function installJobs(jobs: SharedJobs): void {
  state.scopewardenJobs = jobs;
}

/**
 * On shutdown: running jobs are marked failed at once, so another instance retries them, and a
 * runner still starting gives up.
 */
export async function stopSharedJobs(): Promise<void> {
  const jobs = state.scopewardenJobs;
  if (!jobs) return;
  jobs.status = "stopped";
  await jobs.runner?.stop({ graceful: false });
}

/** The front server's own instances, installed before Next.js serves anything. */
export function installShared(services: { db: Db; enforcement: EnforcementApi }): void {
  state.scopewardenFrontServer = true;
  state.scopewardenDb = services.db;
  state.scopewardenEnforcement = Promise.resolve(services.enforcement);
}

/** Forgets them (after shutdown, and between tests). */
export function clearShared(): void {
  state.scopewardenDb = undefined;
  state.scopewardenEnforcement = undefined;
  state.scopewardenJobs = undefined;
}

/**
 * Whether the front server runs in this process: only then does every request carry the client
 * address it worked out (lib/http/client-ip.ts), so only then is that header believed.
 */
export const isBehindFrontServer = (): boolean => state.scopewardenFrontServer === true;
