/** How grants age under a policy: lifetimes per scope, the unused threshold, key rotation. */
import type { AppType, ParsedScope } from "../scopes/types";
import { ruleMatches } from "./evaluate";
import type { Policy } from "./types";

export const DEFAULT_UNUSED_AFTER_DAYS = 90;
export const DEFAULT_KEY_ROTATION_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;

export const unusedAfterDays = (policy: Policy) =>
  policy.aging?.unusedAfterDays ?? DEFAULT_UNUSED_AFTER_DAYS;

export const keyRotationDays = (policy: Policy) =>
  policy.aging?.keyRotationDays ?? DEFAULT_KEY_ROTATION_DAYS;

/** The policy's maximum lifetime for the scope in days, or null when unlimited. */
export function maxLifetimeDays(
  policy: Policy,
  scope: ParsedScope,
  appType?: AppType,
): number | null {
  const lifetime = policy.aging?.lifetimes?.find((l) => ruleMatches(l.match, scope, appType));
  return lifetime?.maxDays ?? null;
}

/**
 * When a grant approved at `from` expires: the policy's maximum, or an earlier date the approver
 * or partner asked for. A requested date later than the maximum is capped; one in the past ignored.
 */
export function expiryFor(
  policy: Policy,
  scope: ParsedScope,
  from: Date,
  options: { appType?: AppType; requested?: (Date | null | undefined)[] } = {},
): Date | null {
  return capExpiry(maxLifetimeDays(policy, scope, options.appType), from, options.requested);
}

/** `from` plus at most `maxDays` (null: unlimited), or the earliest requested date after `from`. */
export function capExpiry(
  maxDays: number | null,
  from: Date,
  requested: readonly (Date | null | undefined)[] = [],
): Date | null {
  let expiry = maxDays === null ? null : new Date(from.getTime() + maxDays * DAY_MS);
  for (const date of requested) {
    if (!date || date.getTime() <= from.getTime()) continue;
    if (expiry === null || date.getTime() < expiry.getTime()) expiry = date;
  }
  return expiry;
}
