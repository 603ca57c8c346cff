// When a failed delivery is tried again. Pure.
const MINUTE = 60_000;

/** Waits after the 1st, 2nd, … failed attempt: 1 min, 5 min, 30 min, 2 h, 12 h. */
export const RETRY_DELAYS_MS = [
  1 * MINUTE,
  5 * MINUTE,
  30 * MINUTE,
  120 * MINUTE,
  720 * MINUTE,
] as const;
/** The 6th failed attempt is the last: the delivery is marked failed (an admin may redeliver it). */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** After `attempts` failed attempts in total, when to try next; null when it is time to give up. */
export function nextAttemptAt(attempts: number, now: Date): Date | null {
  if (attempts < 1) return now;
  if (attempts >= MAX_ATTEMPTS) return null;
  return new Date(now.getTime() + RETRY_DELAYS_MS[attempts - 1]!);
}

/** 2xx counts as delivered; anything else (redirects included: they are not followed) is a failure. */
export const isSuccessStatus = (status: number) => status >= 200 && status < 300;
