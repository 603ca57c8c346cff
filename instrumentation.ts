// Next.js calls register() once per server process: the background job runner starts here, in
// the Node.js runtime only, never while `next build` prerenders, in tests, or with JOBS_ENABLED=false.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  if (process.env.JOBS_ENABLED === "false" || process.env.VITEST || process.env.NODE_ENV === "test")
    return;
  const { startJobsInThisProcess } = await import("./lib/jobs/process");
  startJobsInThisProcess();
}

/** A render, route or action failed: when the database looks unreachable, re-check it at once. */
export async function onRequestError(error: unknown) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getAvailability } = await import("./lib/runtime/availability");
  getAvailability().report(error);
}
