import "server-only";
import { getDb } from "../db";
import { getEnv } from "../env";
import { createMailer, deliverQueuedEmails, type Mailer } from "../notifications/mail";

let mailer: Mailer | undefined;

export function getMailer(): Mailer {
  const env = getEnv();
  mailer ??= createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM });
  return mailer;
}

/** Sends what is queued in the mail outbox (one query when it is empty); the retry job catches failures. */
export async function flushMail(): Promise<void> {
  await deliverQueuedEmails(getDb(), getMailer());
}
