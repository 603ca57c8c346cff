// Mail is a transactional outbox: domain code queues a message inside its own transaction, and
// delivery happens after commit (right away, and again by the retry job), so a rolled-back change
// never sends mail and a mail-server outage loses nothing.
import nodemailer from "nodemailer";
import type { Db, Tx } from "../database/client";

export type OutgoingMail = { to: string; subject: string; text: string };
export type Mailer = { describe: string; send(mail: OutgoingMail): Promise<void> };

export async function queueEmail(tx: Tx, mail: OutgoingMail): Promise<string> {
  const row = await tx.emailMessage.create({
    data: { to: mail.to, subject: mail.subject.slice(0, 200), text: mail.text },
  });
  return row.id;
}

/** SMTP when a URL is configured; otherwise messages are printed (and stay readable in the outbox page). */
export function createMailer(options: {
  smtpUrl?: string;
  from: string;
  log?: (line: string) => void;
}): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      describe: `SMTP ${new URL(options.smtpUrl).host}`,
      send: async (mail) => {
        await transport.sendMail({
          from: options.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
        });
      },
    };
  }
  const log = options.log ?? ((line: string) => console.info(line));
  return {
    describe: "console",
    send: async (mail) =>
      log(`\n[mail] To: ${mail.to}\n[mail] Subject: ${mail.subject}\n${mail.text}\n`),
  };
}

/** Sends queued (and earlier failed) messages; returns how many went out. */
export async function deliverQueuedEmails(
  db: Db,
  mailer: Mailer,
  options: { ids?: string[]; limit?: number } = {},
): Promise<number> {
  const messages = await db.emailMessage.findMany({
    where: {
      status: { in: ["queued", "failed"] },
      ...(options.ids ? { id: { in: options.ids } } : {}),
    },
    orderBy: { createdAt: "asc" },
    take: options.limit ?? 50,
  });
  let sent = 0;
  for (const message of messages) {
    // Claim the row first so two instances never send the same message twice.
    const claimed = await db.emailMessage.updateMany({
      where: { id: message.id, status: message.status },
      data: { status: "sent", sentAt: new Date(), error: null },
    });
    if (claimed.count === 0) continue;
    try {
      await mailer.send(message);
      sent++;
    } catch (error) {
      await db.emailMessage.update({
        where: { id: message.id },
        data: {
          status: "failed",
          sentAt: null,
          error: error instanceof Error ? error.message.slice(0, 500) : "send failed",
        },
      });
    }
  }
  return sent;
}
