// Mail is a transactional outbox: domain code queues a message inside its own transaction, and
// delivery happens after commit (right away, and again by the retry job), so a rolled-back change
// never sends mail and a mail-server outage loses nothing.
//
// A sender claims a message ("sending", claimedAt) before it talks to the mail server, so two
// instances never send it at once; a claim older than CLAIM_LEASE_MS belongs to a sender that died
// mid-send, and the next pass sends the message again. Delivery is therefore at least once: a
// message goes out twice only if its sender dies between the server's acceptance and the "sent"
// write, or the database stays unreachable for longer than that write is retried (20 s).
import nodemailer from "nodemailer";
import { retryWhileUnavailable } from "../database/connection-errors";
import type { Db, Tx } from "../database/client";
import { LINK_PLACEHOLDER, openLink, sealLink } from "./sealed-link";

/** Longer than one send can take: the transport gives up after 10 s + 10 s + 20 s of silence. */
export const CLAIM_LEASE_MS = 45_000;

export type OutgoingMail = { to: string; subject: string; text: string };
export type Mailer = { describe: string; send(mail: OutgoingMail): Promise<void> };
/** A mail to queue; `link` (a live credential) is sealed in the row and replaces {{link}} when sent. */
export type QueuedMail = OutgoingMail & { link?: string };

export async function queueEmail(tx: Tx, mail: QueuedMail): Promise<string> {
  if (mail.link && !mail.text.includes(LINK_PLACEHOLDER))
    throw new Error(`A mail with a link must say where it goes (${LINK_PLACEHOLDER})`);
  const row = await tx.emailMessage.create({
    data: {
      to: mail.to,
      subject: mail.subject.slice(0, 200),
      text: mail.text,
      sealedLink: mail.link ? sealLink(mail.link) : null,
    },
  });
  return row.id;
}

/** The text as it goes out: the sealed link put back in its place. */
function renderText(message: { text: string; sealedLink: string | null }): string {
  if (!message.sealedLink) return message.text;
  const link = openLink(message.sealedLink);
  if (!link) throw new Error("The link in this message cannot be opened (the key changed)");
  return message.text.split(LINK_PLACEHOLDER).join(link);
}

/** SMTP when a URL is configured; otherwise messages are printed (and stay readable in the outbox page). */
export function createMailer(options: {
  smtpUrl?: string;
  from: string;
  log?: (line: string) => void;
}): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport({
      url: options.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
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

/** Sends queued (and earlier failed) messages, and those whose sender died mid-send; returns how many went out. */
export async function deliverQueuedEmails(
  db: Db,
  mailer: Mailer,
  options: { ids?: string[]; limit?: number; now?: () => Date } = {},
): Promise<number> {
  const clock = options.now ?? (() => new Date());
  const messages = await db.emailMessage.findMany({
    where: {
      OR: [
        { status: { in: ["queued", "failed"] } },
        { status: "sending", claimedAt: { lt: new Date(clock().getTime() - CLAIM_LEASE_MS) } },
      ],
      ...(options.ids ? { id: { in: options.ids } } : {}),
    },
    orderBy: { createdAt: "asc" },
    take: options.limit ?? 50,
  });
  let sent = 0;
  for (const message of messages) {
    // The claim names the state it was read in, so only one sender wins it.
    const claimedAt = clock();
    const claimed = await db.emailMessage.updateMany({
      where: { id: message.id, status: message.status, claimedAt: message.claimedAt },
      data: { status: "sending", claimedAt, error: null },
    });
    if (claimed.count === 0) continue;
    const mine = { id: message.id, status: "sending" as const, claimedAt };
    try {
      await mailer.send({ to: message.to, subject: message.subject, text: renderText(message) });
    } catch (error) {
      await retryWhileUnavailable(() =>
        db.emailMessage.updateMany({
          where: mine,
          data: {
            status: "failed",
            error: error instanceof Error ? error.message.slice(0, 500) : "send failed",
          },
        }),
      );
      continue;
    }
    // The mail is out: this write must not be lost to a database restart, or it would go out again.
    await retryWhileUnavailable(() =>
      db.emailMessage.updateMany({
        where: mine,
        data: { status: "sent", sentAt: clock(), sealedLink: null },
      }),
    );
    sent++;
  }
  return sent;
}
