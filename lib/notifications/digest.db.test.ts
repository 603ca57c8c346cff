import { describe, expect, it } from "vitest";
import { createUser } from "../../prisma/factories";
import { setupTestDb } from "../testing/setup-test-db";
import { setupSmtpSink, type ReceivedMail } from "../testing/smtp-sink.test-util";
import { notifyAdmins } from "./admins";
import { sendAdminDigests } from "./digest";

const t = setupTestDb();
const sink = setupSmtpSink(() => t.db);

/** One digest run, then everything it queued delivered through the real SMTP transport. */
async function digestRun(now: Date) {
  await sendAdminDigests(t.db, { now, appUrl: "http://portal.test" });
  await sink.deliver();
}

const mailTo = (email: string) => sink.received.filter((m) => m.to === email);
// The message as its reader sees it (the sink has decoded it): the subject line, then the text.
const bodyOf = (m: ReceivedMail) => `Subject: ${m.subject}\n\n${m.body}`;

describe("the admins' e-mail digest, read from the SMTP sink", () => {
  it("gathers new-request, escalation and second-approval notices per admin, at each admin's frequency", async () => {
    const eager = await createUser(t.db, { role: "admin" });
    const daily = await createUser(t.db, { role: "admin" });
    const quiet = await createUser(t.db, { role: "admin" });
    await t.db.user.update({ where: { id: eager.id }, data: { digestFrequency: "immediately" } });
    await t.db.user.update({ where: { id: quiet.id }, data: { digestFrequency: "off" } });
    // Admins created by other tests in this database are left out of the notices.
    const only = [eager.id, daily.id, quiet.id];
    await t.db.user.updateMany({
      where: { role: "admin", id: { notIn: only } },
      data: { status: "disabled" },
    });

    const nine = new Date("2026-12-01T09:00:00Z");
    await t.db.$transaction(async (tx) => {
      await notifyAdmins(tx, {
        kind: "approval.requested",
        title: "6 new requests from Payer Exchange",
        body: "PayerLink asks for system/Patient.rs and 5 more.",
        link: "/admin/approvals/apps?q=Payer%20Exchange",
        at: nine,
      });
      await notifyAdmins(tx, {
        kind: "approval.overdue",
        title: "Overdue: 2 requests from Prior Auth",
        body: "system/Task.cu passed its response target.",
        at: nine,
      });
    });
    await digestRun(nine);
    expect(mailTo(eager.email)).toHaveLength(1);
    expect(mailTo(daily.email)).toHaveLength(1);
    expect(mailTo(quiet.email)).toHaveLength(0);
    const first = bodyOf(mailTo(eager.email)[0]!);
    expect(first).toContain("Subject: Scopewarden: 2 new notifications");
    expect(first).toContain("6 new requests from Payer Exchange");
    expect(first).toContain("Overdue: 2 requests from Prior Auth");
    expect(first).toContain("http://portal.test/admin/approvals/apps?q=Payer%20Exchange");

    // Nothing new: a second run (or a second instance) sends nothing.
    await digestRun(new Date("2026-12-01T09:05:00Z"));
    expect(mailTo(eager.email)).toHaveLength(1);

    // An hour later a second approval is wanted: the eager admin hears at once, the daily one waits.
    const ten = new Date("2026-12-01T10:00:00Z");
    await t.db.$transaction((tx) =>
      notifyAdmins(
        tx,
        {
          kind: "approval.second_wanted",
          title: "Second approval wanted: system/*.rs for Bulk Export",
          body: "One administrator approved system/*.rs; policy needs a second.",
          at: ten,
        },
        quiet.id,
      ),
    );
    await digestRun(ten);
    expect(mailTo(eager.email)).toHaveLength(2);
    expect(bodyOf(mailTo(eager.email)[1]!)).toContain("Subject: Scopewarden: 1 new notification");
    expect(mailTo(daily.email)).toHaveLength(1);

    await digestRun(new Date("2026-12-02T09:00:00Z"));
    expect(mailTo(daily.email)).toHaveLength(2);
    expect(bodyOf(mailTo(daily.email)[1]!)).toContain("Second approval wanted: system/*.rs");
    expect(mailTo(quiet.email)).toHaveLength(0);
    // In the portal, the quiet admin still has the first two notices.
    expect(await t.db.notification.count({ where: { userId: quiet.id } })).toBe(2);
  });
});
