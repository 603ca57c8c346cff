// The AuthServerRecord table: how ids are kept (hashed: an opaque token's id is the token) and the
// reads and writes made outside oidc-provider (launch context, pruning).
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import type { Tx } from "../database/client";
import type { RecurringJob } from "../recurring-job";

export const hashId = (id: string): string => createHash("sha256").update(id).digest("base64url");

/** Rows that are not expired, as of now. */
export const liveRecord = (kind: string, id: string, now = new Date()) => ({
  kind,
  idHash: hashId(id),
  OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
});

export async function findRecordPayload(db: Tx, kind: string, id: string): Promise<unknown> {
  const row = await db.authServerRecord.findFirst({
    where: liveRecord(kind, id),
    select: { payload: true },
  });
  return row?.payload ?? null;
}

/** The launch context the user chose when consenting, kept for the grant's lifetime. */
const LAUNCH_CONTEXT = "LaunchContext";
const ZLaunchContext = z.object({
  patient: z.string().optional(),
  fhirUser: z.string().optional(),
});
export type LaunchContext = z.infer<typeof ZLaunchContext>;

export async function saveLaunchContext(
  db: Tx,
  grantId: string,
  context: LaunchContext,
  expiresAt: Date,
): Promise<void> {
  const data = {
    payload: context as Prisma.InputJsonObject,
    grantHash: hashId(grantId),
    expiresAt,
  };
  await db.authServerRecord.upsert({
    where: { kind_idHash: { kind: LAUNCH_CONTEXT, idHash: hashId(grantId) } },
    create: { kind: LAUNCH_CONTEXT, idHash: hashId(grantId), ...data },
    update: data,
  });
}

export async function findLaunchContext(db: Tx, grantId: string): Promise<LaunchContext | null> {
  const parsed = ZLaunchContext.safeParse(await findRecordPayload(db, LAUNCH_CONTEXT, grantId));
  return parsed.success ? parsed.data : null;
}

/** Deletes expired rows in batches, so one run never holds a long lock. */
export async function pruneExpiredRecords(
  db: Pick<Tx, "$executeRaw">,
  now: Date,
  batch = 5000,
): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await db.$executeRaw`
      DELETE FROM "AuthServerRecord" WHERE ("kind", "idHash") IN (
        SELECT "kind", "idHash" FROM "AuthServerRecord" WHERE "expiresAt" < ${now} LIMIT ${batch})`;
    total += deleted;
    if (deleted < batch) return total;
  }
}

/** Hourly: expired tokens, sessions and interactions leave the table (reads ignore them already). */
export const authServerPruneJob: RecurringJob = {
  name: "authorization-server.prune",
  cron: "41 * * * *",
  run: async ({ db, now }) => {
    await pruneExpiredRecords(db, now());
  },
};
