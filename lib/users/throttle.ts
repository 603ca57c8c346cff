// Sign-in throttling, shared by the portal and the authorization server's end users, with
// counters in the database (lib/rate-limit.ts) so every app instance sees the same ones. The
// design is in lib/users/rules.ts (THROTTLE) and docs/security.md.
import type { Db } from "../database/client";
import {
  blockedForMs,
  blockKey,
  clearKey,
  countEvent,
  rateLimited,
  type Limit,
} from "../rate-limit";
import { blockDurationMs, THROTTLE } from "./rules";

/** Who is trying: the account (namespaced, e.g. `user:jo@x.test`) and the client address. */
export type Attempt = { account: string; ip: string | null; isKnownSource: boolean };

const windowSeconds = THROTTLE.windowMs / 1000;
const counters = {
  address: { name: "signin-fail-ip", points: 1_000_000, durationSeconds: windowSeconds },
  accountAddress: {
    name: "signin-fail-acct-ip",
    points: 1_000_000,
    durationSeconds: windowSeconds,
  },
  account: { name: "signin-fail-acct", points: 1_000_000, durationSeconds: windowSeconds },
} satisfies Record<keyof typeof THROTTLE.freeFailures, Limit>;
const blocks = {
  address: { name: "signin-block-ip", points: 1, durationSeconds: windowSeconds },
  accountAddress: { name: "signin-block-acct-ip", points: 1, durationSeconds: windowSeconds },
  account: { name: "signin-block-acct", points: 1, durationSeconds: windowSeconds },
} satisfies Record<keyof typeof THROTTLE.freeFailures, Limit>;

type Kind = keyof typeof counters;

/** The counters an attempt touches: an address-less attempt (no socket) counts per account only. */
function keysOf(attempt: Attempt): [Kind, string][] {
  const keys: [Kind, string][] = [];
  if (attempt.ip) {
    keys.push(["address", attempt.ip]);
    keys.push(["accountAddress", `${attempt.account}|${attempt.ip}`]);
  }
  if (!attempt.isKnownSource) keys.push(["account", attempt.account]);
  return keys;
}

/** Throws RATE_LIMITED while any counter that applies to this attempt is blocked. */
export async function assertNotThrottled(db: Db, attempt: Attempt): Promise<void> {
  const waits = await Promise.all(
    keysOf(attempt).map(([kind, key]) => blockedForMs(db, blocks[kind], key)),
  );
  const wait = Math.max(0, ...waits);
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw rateLimited(
      seconds,
      `Too many failed sign-in attempts. Try again in ${seconds} seconds.`,
    );
  }
}

/** Counts a failure on every counter that applies; past its free failures, blocks with a growing delay. */
export async function recordFailure(db: Db, attempt: Attempt): Promise<void> {
  for (const [kind, key] of keysOf(attempt)) {
    const failures = await countEvent(db, counters[kind], key);
    const ms = blockDurationMs(failures, THROTTLE.freeFailures[kind]);
    if (ms) await blockKey(db, blocks[kind], key, ms);
  }
}

/**
 * A success clears only this account's counter for this address: never the address's own
 * counter (an attacker's account would reset its spray) and never another account's.
 */
export async function recordSuccess(db: Db, attempt: Attempt): Promise<void> {
  if (!attempt.ip) return;
  const key = `${attempt.account}|${attempt.ip}`;
  await clearKey(db, counters.accountAddress, key);
  await clearKey(db, blocks.accountAddress, key);
}
