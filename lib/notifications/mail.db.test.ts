import { describe, expect, it } from "vitest";
import { setupSmtpSink } from "../testing/smtp-sink.test-util";
import { setupTestDb } from "../testing/setup-test-db";
import { CLAIM_LEASE_MS, createMailer, deliverQueuedEmails, queueEmail, type Mailer } from "./mail";

const t = setupTestDb();
const sink = setupSmtpSink(() => t.db);

describe("mail through the SMTP transport", () => {
  it("delivers what was queued after commit, once, and marks it sent", async () => {
    const mailer = createMailer({
      smtpUrl: sink.smtpUrl(),
      from: "Scopewarden <no-reply@example.test>",
    });
    await t.db.$transaction((tx) =>
      queueEmail(tx, {
        to: "partner@example.test",
        subject: "Approved: system/Patient.rs",
        text: "Granted.",
      }),
    );
    expect(await deliverQueuedEmails(t.db, mailer)).toBe(1);
    expect(await deliverQueuedEmails(t.db, mailer)).toBe(0);
    expect(sink.received).toEqual([
      {
        to: "partner@example.test",
        subject: "Approved: system/Patient.rs",
        body: expect.stringMatching(/^Granted\.\s*$/),
      },
    ]);
    expect(
      await t.db.emailMessage.findFirstOrThrow({ where: { to: "partner@example.test" } }),
    ).toMatchObject({ status: "sent" });
  });

  it("keeps a message it could not send, marked failed, for the retry", async () => {
    const broken = createMailer({ smtpUrl: "smtp://127.0.0.1:1", from: "x@example.test" });
    await t.db.$transaction((tx) =>
      queueEmail(tx, { to: "later@example.test", subject: "Hello", text: "Body" }),
    );
    expect(await deliverQueuedEmails(t.db, broken)).toBe(0);
    expect(
      await t.db.emailMessage.findFirstOrThrow({ where: { to: "later@example.test" } }),
    ).toMatchObject({ status: "failed", error: expect.any(String) });
    const working = createMailer({ smtpUrl: sink.smtpUrl(), from: "x@example.test" });
    expect(await deliverQueuedEmails(t.db, working)).toBe(1);
  });

  it("never lets a rolled-back change send mail", async () => {
    await t.db
      .$transaction(async (tx) => {
        await queueEmail(tx, { to: "ghost@example.test", subject: "Never", text: "Never" });
        throw new Error("rolled back");
      })
      .catch(() => {});
    expect(await t.db.emailMessage.count({ where: { to: "ghost@example.test" } })).toBe(0);
  });

  it("sends again, once, a message whose sender died mid-send, and leaves a live claim alone", async () => {
    const sent: string[] = [];
    const recording: Mailer = { describe: "test", send: async (mail) => void sent.push(mail.to) };
    const [crashed, live] = await t.db.$transaction(async (tx) => [
      await queueEmail(tx, { to: "crashed@example.test", subject: "Reminder", text: "Due." }),
      await queueEmail(tx, { to: "sending@example.test", subject: "Reminder", text: "Due." }),
    ]);
    const stale = new Date(Date.now() - CLAIM_LEASE_MS - 1000);
    await t.db.emailMessage.update({
      where: { id: crashed },
      data: { status: "sending", claimedAt: stale },
    });
    await t.db.emailMessage.update({
      where: { id: live },
      data: { status: "sending", claimedAt: new Date() },
    });
    const ids = [crashed!, live!];
    expect(await deliverQueuedEmails(t.db, recording, { ids })).toBe(1);
    expect(await deliverQueuedEmails(t.db, recording, { ids })).toBe(0);
    expect(sent).toEqual(["crashed@example.test"]);
    const rows = await t.db.emailMessage.findMany({ where: { id: { in: ids } } });
    expect(Object.fromEntries(rows.map((r) => [r.to, r.status]))).toEqual({
      "crashed@example.test": "sent",
      "sending@example.test": "sending",
    });
  });
});
