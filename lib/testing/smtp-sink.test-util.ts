// A real SMTP server on loopback (smtp-server) that keeps what it receives, and a mailer that
// delivers the outbox to it: tests read mail as the recipient would.
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll } from "vitest";
import type { Db } from "../database/client";
import { createMailer, deliverQueuedEmails } from "../notifications/mail";

export type ReceivedMail = { to: string; subject: string; body: string };

export function setupSmtpSink(db: () => Db) {
  const received: ReceivedMail[] = [];
  let server: SMTPServer;
  let port = 0;
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, callback) {
        let data = "";
        stream.on("data", (chunk) => (data += chunk));
        stream.on("end", () => {
          const [head = "", ...rest] = data.split(/\r?\n\r?\n/);
          const subject = /^Subject: (.*)$/im.exec(head)?.[1] ?? "";
          // nodemailer writes plain text as quoted-printable: undo soft breaks and =XX escapes.
          const body = rest
            .join("\n\n")
            .replace(/=\r?\n/g, "")
            .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
          for (const to of session.envelope.rcptTo.map((r) => r.address))
            received.push({ to, subject, body });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    port = (server.server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** The sink's address, for a mailer of the test's own. */
  const smtpUrl = () => `smtp://127.0.0.1:${port}`;

  /** Delivers everything queued through the real SMTP transport. */
  async function deliver(): Promise<void> {
    const mailer = createMailer({ smtpUrl: smtpUrl(), from: "test@example.test" });
    await deliverQueuedEmails(db(), mailer, { limit: 500 });
  }

  /** Delivers everything queued, then the messages this address received, oldest first. */
  async function inbox(to: string): Promise<ReceivedMail[]> {
    await deliver();
    return received.filter((m) => m.to === to);
  }

  /** The first link to `path` in the latest mail to `to`. */
  async function linkFor(to: string, path: string): Promise<string | null> {
    const mails = await inbox(to);
    const body = mails.at(-1)?.body ?? "";
    return new RegExp(`https?://\\S+${path}\\S+`).exec(body)?.[0] ?? null;
  }

  return { received: received as readonly ReceivedMail[], smtpUrl, deliver, inbox, linkFor };
}
