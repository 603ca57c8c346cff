// Every recurring job the portal runs. The runner (lib/jobs/runner.ts) schedules each one.
import { getEnv } from "../env";
import { createMailer, deliverQueuedEmails } from "../notifications/mail";
import { webhookDispatchJob } from "../webhooks/jobs";
import type { RecurringJob } from "./types";

/** Mail that could not go out right after its request (SMTP down) is tried again every minute. */
const mailRetryJob: RecurringJob = {
  name: "mail.deliver",
  cron: "* * * * *",
  run: async ({ db }) => {
    const env = getEnv();
    await deliverQueuedEmails(db, createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM }));
  },
};

export const recurringJobs: readonly RecurringJob[] = [
  webhookDispatchJob,
  mailRetryJob,
  // Access-review jobs go here.
];
