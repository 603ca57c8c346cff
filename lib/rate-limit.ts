// Rate limits kept in the database (rate-limiter-flexible's Prisma store, table RateLimit), so
// every app instance counts together, on PostgreSQL and on the embedded database alike.
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "./database/client";
import { getRateLimitEnv } from "./env";
import { AppError } from "./errors";

/** A named budget: `points` uses per `durationSeconds`, counted per key. */
export type Limit = { name: string; points: number; durationSeconds: number };

/** Every budget the portal keeps besides sign-in's (lib/users/throttle.ts). Keys are per address unless noted. */
export const LIMITS = {
  /** SIGN_UP_LIMIT_PER_HOUR (default 10). */
  get signUp(): Limit {
    return {
      name: "sign-up",
      points: getRateLimitEnv().SIGN_UP_LIMIT_PER_HOUR,
      durationSeconds: 60 * 60,
    };
  },
  /** Per inviting account. */
  invitation: { name: "invitation", points: 30, durationSeconds: 60 * 60 },
  passwordReset: { name: "password-reset", points: 10, durationSeconds: 60 * 60 },
  /** Per e-mail address: how many reset mails one inbox gets; more are silently not sent. */
  passwordResetMail: { name: "password-reset-mail", points: 3, durationSeconds: 60 * 60 },
  /** Per e-mail address: "someone tried to sign up with your address" mails. */
  signUpNoticeMail: { name: "sign-up-notice-mail", points: 3, durationSeconds: 60 * 60 },
  analyze: { name: "scopes-analyze", points: 120, durationSeconds: 60 },
} satisfies Record<string, Limit>;

const byDb = new WeakMap<Db, Map<string, RateLimiterPrisma>>();

function limiterFor(db: Db, limit: Limit): RateLimiterPrisma {
  let map = byDb.get(db);
  if (!map) byDb.set(db, (map = new Map()));
  const id = `${limit.name}/${limit.points}/${limit.durationSeconds}`;
  let limiter = map.get(id);
  if (!limiter) {
    limiter = new RateLimiterPrisma({
      storeClient: db,
      tableName: "rateLimit", // the Prisma client's name for model RateLimit
      keyPrefix: limit.name,
      points: limit.points,
      duration: limit.durationSeconds,
    });
    map.set(id, limiter);
  }
  return limiter;
}

const isRejection = (value: unknown): value is RateLimiterRes => value instanceof RateLimiterRes;

/** Uses one point; false (and nothing counted beyond the budget) when the key has none left. */
export async function tryConsume(db: Db, limit: Limit, key: string): Promise<boolean> {
  try {
    await limiterFor(db, limit).consume(key);
    return true;
  } catch (error) {
    if (isRejection(error)) return false;
    throw error;
  }
}

export function rateLimited(seconds: number, message?: string): AppError {
  const wait = Math.max(1, Math.ceil(seconds));
  return new AppError(
    "RATE_LIMITED",
    message ?? `Too many attempts. Try again in ${wait} seconds.`,
    undefined,
    wait,
  );
}

/** Uses one point, or throws RATE_LIMITED with the wait when the key has none left. */
export async function consumeOrThrow(
  db: Db,
  limit: Limit,
  key: string,
  message?: (seconds: number) => string,
): Promise<void> {
  try {
    await limiterFor(db, limit).consume(key);
  } catch (error) {
    if (!isRejection(error)) throw error;
    const seconds = Math.ceil(error.msBeforeNext / 1000);
    throw rateLimited(seconds, message?.(seconds));
  }
}

/** Counts one event and returns how many the key has in the current window. */
export async function countEvent(db: Db, limit: Limit, key: string): Promise<number> {
  const res = await limiterFor(db, limit).penalty(key, 1);
  return res.consumedPoints;
}

/** Blocks the key for `ms` (the limit's name tells blocks of different kinds apart). */
export async function blockKey(db: Db, limit: Limit, key: string, ms: number): Promise<void> {
  if (ms > 0) await limiterFor(db, limit).block(key, Math.ceil(ms / 1000));
}

/** How long the key is still blocked (0 when it is not). */
export async function blockedForMs(db: Db, limit: Limit, key: string): Promise<number> {
  const res = await limiterFor(db, limit).get(key);
  return res && res.consumedPoints > limit.points ? Math.max(0, res.msBeforeNext) : 0;
}

export async function clearKey(db: Db, limit: Limit, key: string): Promise<void> {
  await limiterFor(db, limit).delete(key);
}
