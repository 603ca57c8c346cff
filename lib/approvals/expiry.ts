// Grants that end by themselves. A job, every minute on every instance, reminds the partner 30
// and 7 days before a grant's expiry (notification, e-mail, `grant.expiring`) and at the expiry
// ends it through the ordinary revocation with reason "expired" (audit, `grant.revoked`, the
// decision API through markGrantsChanged). Each grant is claimed with FOR UPDATE SKIP LOCKED and
// the claim is re-checked against the updated row, so with several instances each reminder and
// each expiry happens once.
import type { Db } from "../database/client";
import { getEnv } from "../env";
import type { RecurringJob } from "../recurring-job";
import { queueWebhookEvent } from "../webhooks/outbox";
import { tellPartner, type DomainContext } from "./effects";
import { revokeGrantInTx } from "./revoke";

const DAY_MS = 86_400_000;
const BATCH = 50;
/** Days before expiry a reminder goes out, earliest first. */
export const EXPIRY_REMINDER_DAYS = [30, 7] as const;

/** The reminder due now for a grant (30 or 7), or null when none is. */
export function expiryReminderDue(
  expiresAt: Date,
  now: Date,
  remindedDays: number | null,
): number | null {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return null;
  const due = [...EXPIRY_REMINDER_DAYS].reverse().find((days) => left <= days * DAY_MS);
  if (due === undefined) return null;
  return remindedDays === null || remindedDays > due ? due : null;
}

/** Ends every grant whose expiry has come; returns how many. */
export async function expireDueGrants(db: Db, now: Date, ctx: DomainContext = {}) {
  let expired = 0;
  for (;;) {
    const done = await db.$transaction(async (tx) => {
      const due = await tx.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "AppScope"
        WHERE "state" = 'granted' AND "expiresAt" <= ${now}
        ORDER BY "expiresAt", "id" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
      for (const { id } of due)
        await revokeGrantInTx(
          tx,
          null,
          { appScopeId: id, reason: "expired" },
          { ...ctx, now },
          "expiry",
        );
      return due.length;
    });
    expired += done;
    if (done < BATCH) return expired;
  }
}

/** Sends the 30- and 7-day reminders that are due; returns how many. */
export async function remindExpiringGrants(db: Db, now: Date, ctx: DomainContext = {}) {
  const horizon = new Date(now.getTime() + EXPIRY_REMINDER_DAYS[0] * DAY_MS);
  const last = new Date(now.getTime() + EXPIRY_REMINDER_DAYS[1] * DAY_MS);
  let reminded = 0;
  for (;;) {
    const done = await db.$transaction(async (tx) => {
      const due = await tx.$queryRaw<
        {
          id: string;
          scope: string;
          expiresAt: Date;
          expiryRemindedDays: number | null;
          appId: string;
          name: string;
          clientId: string;
          organizationId: string;
        }[]
      >`
        SELECT s."id", s."scope", s."expiresAt", s."expiryRemindedDays",
               a."id" AS "appId", a."name", a."clientId", a."organizationId"
        FROM "AppScope" s JOIN "App" a ON a."id" = s."appId"
        WHERE s."state" = 'granted' AND s."expiresAt" > ${now} AND s."expiresAt" <= ${horizon}
          AND (s."expiryRemindedDays" IS NULL OR (s."expiryRemindedDays" > 7 AND s."expiresAt" <= ${last}))
        ORDER BY s."expiresAt", s."id" LIMIT ${BATCH} FOR UPDATE OF s SKIP LOCKED`;
      let sent = 0;
      for (const grant of due) {
        const days = expiryReminderDue(grant.expiresAt, now, grant.expiryRemindedDays);
        if (days === null) continue;
        await tx.appScope.update({
          where: { id: grant.id },
          data: { expiryRemindedDays: days },
        });
        const app = {
          id: grant.appId,
          name: grant.name,
          clientId: grant.clientId,
          organizationId: grant.organizationId,
        };
        await tellPartner(
          tx,
          app,
          {
            kind: "scope.expiring",
            title: `Expires in ${days} days: ${grant.scope} for ${app.name}`,
            lines: [
              `${grant.scope} for ${app.name} expires on ${grant.expiresAt.toISOString().slice(0, 10)}.`,
              "Request a renewal on the app's page if the app still needs it; otherwise it ends then.",
            ],
          },
          ctx,
        );
        await queueWebhookEvent(tx, {
          type: "grant.expiring",
          organizationId: app.organizationId,
          appId: app.id,
          at: now,
          data: {
            clientId: app.clientId,
            appId: app.id,
            appName: app.name,
            scope: grant.scope,
            expiresAt: grant.expiresAt.toISOString(),
            daysLeft: days,
          },
        });
        sent++;
      }
      return { seen: due.length, sent };
    });
    reminded += done.sent;
    if (done.seen < BATCH) return reminded;
  }
}

export async function runGrantExpiry(db: Db, now: Date, ctx: DomainContext = {}) {
  const expired = await expireDueGrants(db, now, ctx);
  const reminded = await remindExpiringGrants(db, now, ctx);
  return { expired, reminded };
}

export const grantExpiryJob: RecurringJob = {
  name: "grants.expiry",
  cron: "* * * * *",
  run: async ({ db, now }) => {
    await runGrantExpiry(db, now(), { appUrl: getEnv().APP_URL });
  },
};
