// Every recurring job the portal runs. The runner (lib/jobs/runner.ts) schedules each one.
import { approvalDeadlineJob } from "../approvals/deadline-job";
import { auditCheckpointJob } from "../audit/jobs";
import { authServerPruneJob } from "../authserver/records";
import { grantChangePruneJob } from "../enforcement/changes";
import { getEnv } from "../env";
import { sendAdminDigests } from "../notifications/digest";
import { createMailer, deliverQueuedEmails } from "../notifications/mail";
import {
  flushProvisioningFromEnv,
  provisioningReconcileJob,
  provisioningSyncJob,
} from "../provisioning/jobs";
import { reviewJobs } from "../reviews/jobs";
import { grantExpiryJob } from "../approvals/expiry";
import { keyCheckJob } from "../jwks/check";
import { usagePruneJob } from "../usage/jobs";
import { webhookDispatchJob } from "../webhooks/jobs";
import type { RecurringJob } from "../recurring-job";
import { announceAuditCheckpoint } from "../webhooks/outbox";

/** Mail that could not go out right after its request (SMTP down) is tried again every minute. */
const mailRetryJob: RecurringJob = {
  name: "mail.deliver",
  cron: "* * * * *",
  run: async ({ db }) => {
    const env = getEnv();
    await deliverQueuedEmails(db, createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM }));
  },
};

/** Admins' e-mail digests: "immediately" ones on every run, "daily" ones once a day. */
const adminDigestJob: RecurringJob = {
  name: "notifications.digest",
  cron: "*/5 * * * *",
  run: async ({ db, now }) => {
    const env = getEnv();
    await sendAdminDigests(db, { now: now(), appUrl: env.APP_URL });
  },
};

/**
 * A job that can change grants outside any action (an expiry, a review's revocations at close)
 * pushes the authorization-server sync as soon as it has run, as the after-response hook does for
 * actions, instead of waiting for the next provisioning.sync tick. A failed push is retried there.
 */
const thenSyncAuthServer = (job: RecurringJob): RecurringJob => ({
  ...job,
  run: async (context) => {
    await job.run(context);
    await flushProvisioningFromEnv(context.db).catch((error: unknown) =>
      console.error(
        `${job.name}: authorization-server sync failed; provisioning.sync retries`,
        error,
      ),
    );
  },
});

export const recurringJobs: readonly RecurringJob[] = [
  webhookDispatchJob,
  mailRetryJob,
  grantChangePruneJob,
  authServerPruneJob,
  provisioningSyncJob,
  provisioningReconcileJob,
  auditCheckpointJob(announceAuditCheckpoint),
  usagePruneJob,
  thenSyncAuthServer(grantExpiryJob),
  keyCheckJob,
  ...reviewJobs.map(thenSyncAuthServer),
  approvalDeadlineJob,
  adminDigestJob,
];
