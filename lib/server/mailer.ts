import "server-only";
import { after } from "next/server";
import { getDb } from "../db";
import { getEnv } from "../env";
import { createMailer, deliverQueuedEmails, type Mailer } from "../notifications/mail";

let mailer: Mailer | undefined;

export function getMailer(): Mailer {
  const env = getEnv();
  mailer ??= createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM });
  return mailer;
}

/** Sends what the request queued once the response is on its way; the retry job catches failures. */
export function deliverMailAfterResponse(): void {
  after(async () => {
    try {
      await deliverQueuedEmails(getDb(), getMailer());
    } catch (error) {
      console.error("mail delivery failed; the retry job will try again", error);
    }
  });
}
