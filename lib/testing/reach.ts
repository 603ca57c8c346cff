// Property tests that test: a property states its precondition with fc.pre, and these runners
// fail unless most generated cases got past it to the assertion (a property that holds
// vacuously proves nothing). fast-check counts the cases fc.pre skipped.
import fc from "fast-check";

export const MIN_REACH = 0.5;

type Options<Ts> = fc.Parameters<Ts> & { minReach?: number };

function reachOf<Ts>(details: fc.RunDetails<Ts>, minReach: number, message?: string): number {
  if (details.failed)
    throw new Error(message ?? "property failed", { cause: details.errorInstance });
  const reach = details.numRuns / (details.numRuns + details.numSkips);
  if (reach < minReach) {
    throw new Error(
      `only ${(reach * 100).toFixed(1)} % of cases reached the assertion (${details.numRuns} of ${details.numRuns + details.numSkips}); at least ${minReach * 100} % must: generate from the accepted language`,
    );
  }
  return reach;
}

/** Checks the property and returns the share of cases that reached its assertion. */
export function assertReaching<Ts>(property: fc.IProperty<Ts>, options: Options<Ts>): number {
  const { minReach = MIN_REACH, ...params } = options;
  const details = fc.check(property, params);
  return reachOf(details, minReach, fc.defaultReportMessage(details));
}

export async function assertReachingAsync<Ts>(
  property: fc.IAsyncProperty<Ts>,
  options: Options<Ts>,
): Promise<number> {
  const { minReach = MIN_REACH, ...params } = options;
  const details = await fc.check(property, params);
  return reachOf(details, minReach, await fc.asyncDefaultReportMessage(details));
}
