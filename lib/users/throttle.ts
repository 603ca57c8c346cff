// Sign-in failures per client address and per e-mail, kept in the database so every app
// instance sees the same counters.
import type { Tx } from "../database/client";
import { AppError } from "../errors";
import { blockDurationMs, THROTTLE } from "./rules";

export const throttleKeys = (email: string, ip: string | null) => [
  `email:${email}`,
  ...(ip ? [`ip:${ip}`] : []),
];

export async function assertNotThrottled(db: Tx, keys: string[], now: Date): Promise<void> {
  const rows = await db.authThrottle.findMany({
    where: { key: { in: keys }, blockedUntil: { gt: now } },
  });
  const until = Math.max(0, ...rows.map((r) => r.blockedUntil?.getTime() ?? 0));
  if (until > now.getTime()) {
    const seconds = Math.ceil((until - now.getTime()) / 1000);
    throw new AppError(
      "RATE_LIMITED",
      `Too many failed sign-in attempts. Try again in ${seconds} seconds.`,
      undefined,
      seconds,
    );
  }
}

/** Counts one failure per key atomically (concurrent failures never lose a count). */
export async function recordFailure(db: Tx, keys: string[], now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - THROTTLE.windowMs);
  for (const key of keys) {
    const [row] = await db.$queryRaw<{ failures: number }[]>`
      INSERT INTO "AuthThrottle" ("key", "failures", "windowStartedAt", "updatedAt") VALUES (${key}, 1, ${now}, ${now})
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "AuthThrottle"."windowStartedAt" < ${windowStart} THEN 1 ELSE "AuthThrottle"."failures" + 1 END,
        "windowStartedAt" = CASE WHEN "AuthThrottle"."windowStartedAt" < ${windowStart} THEN ${now} ELSE "AuthThrottle"."windowStartedAt" END,
        "updatedAt" = ${now}
      RETURNING "failures"`;
    const block = blockDurationMs(row?.failures ?? 1);
    if (block) {
      await db.authThrottle.update({
        where: { key },
        data: { blockedUntil: new Date(now.getTime() + block) },
      });
    }
  }
}

export async function clearFailures(db: Tx, keys: string[]): Promise<void> {
  await db.authThrottle.deleteMany({ where: { key: { in: keys } } });
}
