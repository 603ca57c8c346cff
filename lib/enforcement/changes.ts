// Every change to what a client may do (a grant added or removed, an app or partner suspended)
// goes through here, inside the transaction that makes it: the apps' grant versions move on (the
// gateways' ETag), and the change is numbered in the change log every instance polls, so each
// instance's grant cache drops the stale entries within a poll interval. It is also the
// authorization-server sync outbox: each app's provisioning row turns pending in the same
// transaction, so no committed change can miss the AS and no sync runs for an uncommitted one.
import type { Tx } from "../database/client";
import type { RecurringJob } from "../recurring-job";

/**
 * Bumps the apps' grant versions and logs the change under the next change number. The number
 * comes from one locked row (held until commit, like the audit head), so change numbers follow
 * commit order and a poller that has seen number N can never miss an earlier one.
 */
export async function markGrantsChanged(tx: Tx, appIds: readonly string[]): Promise<void> {
  const ids = [...new Set(appIds)];
  if (ids.length === 0) return;
  await tx.app.updateMany({
    where: { id: { in: ids } },
    data: { grantsVersion: { increment: 1 } },
  });
  const [head] = await tx.$queryRaw<{ seq: bigint }[]>`
    INSERT INTO "GrantChangeHead" ("id", "seq") VALUES (1, 1)
    ON CONFLICT ("id") DO UPDATE SET "seq" = "GrantChangeHead"."seq" + 1
    RETURNING "seq"`;
  await tx.grantChange.createMany({ data: ids.map((appId) => ({ seq: head!.seq, appId })) });
  // A new change restarts the backoff: the AS may be back, and this is the state to send.
  await tx.$executeRaw`
    INSERT INTO "AppProvisioning" ("appId", "pendingSince", "changeSeq", "nextAttemptAt", "attempts", "updatedAt")
    SELECT id, now(), 1, now(), 0, now() FROM unnest(${ids}::uuid[]) AS id
    ON CONFLICT ("appId") DO UPDATE SET
      "pendingSince" = COALESCE("AppProvisioning"."pendingSince", now()),
      "changeSeq" = "AppProvisioning"."changeSeq" + 1,
      "nextAttemptAt" = now(), "attempts" = 0, "updatedAt" = now()`;
}

export type GrantChangeBatch = { head: bigint; appIds: string[]; isTruncated: boolean };

/** Changes after `since` (at most `limit` rows; `isTruncated` tells the caller to drop everything). */
export async function readGrantChanges(
  db: Pick<Tx, "$queryRaw">,
  since: bigint,
  limit = 5000,
): Promise<GrantChangeBatch> {
  const rows = await db.$queryRaw<{ seq: bigint; appId: string | null }[]>`
    SELECT h."seq", c."appId"
    FROM "GrantChangeHead" h
    LEFT JOIN LATERAL (
      SELECT "appId" FROM "GrantChange" WHERE "seq" > ${since} ORDER BY "seq" LIMIT ${limit + 1}
    ) c ON true
    WHERE h."id" = 1`;
  const head = rows[0]?.seq ?? 0n;
  const appIds = rows.flatMap((r) => (r.appId ? [r.appId] : []));
  return { head: BigInt(head), appIds: appIds.slice(0, limit), isTruncated: appIds.length > limit };
}

/** Drops change-log rows older than `before`, keeping the newest so the head stays explained. */
export async function pruneGrantChanges(
  db: Pick<Tx, "$executeRaw">,
  before: Date,
): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "GrantChange" WHERE "createdAt" < ${before}
      AND "seq" < (SELECT "seq" FROM "GrantChangeHead" WHERE "id" = 1)`;
}

/** How long change-log rows are kept: far longer than any instance's poll interval. */
export const GRANT_CHANGE_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Hourly: drops change-log rows older than the retention (an instance that slept longer starts clean). */
export const grantChangePruneJob: RecurringJob = {
  name: "grant-changes.prune",
  cron: "17 * * * *",
  run: async ({ db, now }) => {
    await pruneGrantChanges(db, new Date(now().getTime() - GRANT_CHANGE_RETENTION_MS));
  },
};
