// A portal's worth of background work for the crash and restart tests: a due access review, queued
// mail and queued webhook deliveries, the three real jobs that do it, and what came of it.
import http from "node:http";
import { createApp, createOrganization, createUser } from "../../prisma/factories";
import type { Db } from "../database/client";
import { deliverQueuedEmails, queueEmail, type Mailer } from "../notifications/mail";
import { runReviewTick } from "../reviews/jobs";
import { dispatchDueDeliveries } from "../webhooks/dispatcher";
import { queueWebhookEvent } from "../webhooks/outbox";
import { deriveWebhookKey, encryptSecret, generateWebhookSecret } from "../webhooks/secrets";
import type { RecurringJob } from "../recurring-job";

export const WEBHOOK_KEY = deriveWebhookKey("recovery-test-key-material-of-32-chars");

/** The registry's three jobs, with the test's mailer and loopback webhooks; `around` wraps each run. */
export function scenarioJobs(
  mailer: Mailer,
  around: (name: string, run: () => Promise<void>) => Promise<void> = (_, run) => run(),
): RecurringJob[] {
  const job = (name: string, run: (db: Db) => Promise<unknown>): RecurringJob => ({
    name,
    cron: "* * * * *",
    run: ({ db }) => around(name, async () => void (await run(db))),
  });
  return [
    job("reviews.tick", (db) => runReviewTick(db, new Date())),
    job("webhooks.dispatch", (db) =>
      dispatchDueDeliveries(db, { key: WEBHOOK_KEY, allowPrivateTargets: true, timeoutMs: 10_000 }),
    ),
    job("mail.deliver", (db) => deliverQueuedEmails(db, mailer)),
  ];
}

export type Seeded = {
  scheduleA: string;
  scheduleB: string;
  organizationId: string;
  appId: string;
};

/** Schedule A is due now, B only when `makeDue` says so; three mails and two webhook events wait. */
export async function seedScenario(db: Db, webhookUrl: string): Promise<Seeded> {
  const reviewer = await createUser(db, { role: "reviewer" });
  const org = await createOrganization(db);
  const app = await createApp(db, { organizationId: org.id, granted: ["patient/Observation.rs"] });
  const schedule = (name: string, nextRunAt: Date) =>
    db.reviewSchedule.create({
      data: {
        name,
        scopeFilter: "organization",
        organizationId: org.id,
        reviewerIds: [reviewer.id],
        nextRunAt,
      },
      select: { id: true },
    });
  const a = await schedule("Review A", new Date(Date.now() - 60_000));
  const b = await schedule("Review B", new Date("2999-01-01T00:00:00Z"));
  await db.webhookEndpoint.create({
    data: {
      url: webhookUrl,
      organizationId: org.id,
      events: ["grant.revoked"],
      secretCiphertext: encryptSecret(generateWebhookSecret(), WEBHOOK_KEY),
    },
  });
  await queueWork(db, { organizationId: org.id, appId: app.id }, "before", 3, 2);
  return { scheduleA: a.id, scheduleB: b.id, organizationId: org.id, appId: app.id };
}

export async function queueWork(
  db: Db,
  target: { organizationId: string; appId: string },
  label: string,
  mails: number,
  events: number,
) {
  await db.$transaction(async (tx) => {
    for (let i = 0; i < mails; i++)
      await queueEmail(tx, { to: `${label}-${i}@example.test`, subject: label, text: "Hello." });
    for (let i = 0; i < events; i++)
      await queueWebhookEvent(tx, {
        type: "grant.revoked",
        organizationId: target.organizationId,
        appId: target.appId,
        data: { label, n: i },
      });
  });
}

/**
 * A webhook receiver that holds requests (never answers them) while `isHolding`, and otherwise
 * answers 204 after `delayMs`, counting its answers per delivery id.
 */
export async function startReceiver(options: { isHolding: boolean; delayMs?: number }) {
  const state = { isHolding: options.isHolding, held: 0, received: 0 };
  const answered = new Map<string, number>();
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      state.received++;
      if (state.isHolding) return void state.held++;
      setTimeout(() => {
        const id = String(req.headers["scopewarden-delivery"]);
        answered.set(id, (answered.get(id) ?? 0) + 1);
        res.writeHead(204).end();
      }, options.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    state,
    /** Acknowledged (2xx) answers per delivery id. */
    answered,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What the work came to, read from the database. */
export async function readOutcome(db: Db, seeded: Seeded) {
  const campaigns = await db.reviewCampaign.groupBy({
    by: ["scheduleId"],
    where: { scheduleId: { in: [seeded.scheduleA, seeded.scheduleB] } },
    _count: { _all: true },
  });
  const count = (id: string) => campaigns.find((c) => c.scheduleId === id)?._count._all ?? 0;
  const mails = await db.emailMessage.findMany({ select: { id: true, to: true, status: true } });
  const deliveries = await db.webhookDelivery.findMany({ select: { id: true, status: true } });
  return {
    campaignsA: count(seeded.scheduleA),
    campaignsB: count(seeded.scheduleB),
    mails,
    deliveries,
    /** Every message queued under these labels (queueWork) has gone out. */
    areMailsSent: (...labels: string[]) => {
      const ours = mails.filter((m) => labels.some((label) => m.to.startsWith(`${label}-`)));
      return ours.length > 0 && ours.every((m) => m.status === "sent");
    },
    areDeliveriesDone: deliveries.length > 0 && deliveries.every((d) => d.status === "succeeded"),
  };
}
