import { describe, expect, it } from "vitest";
import { createUser, TEST_PASSWORD, unique } from "../../prisma/factories";
import { verifyAuditChain } from "../audit/verify";
import { AppError } from "../errors";
import { setupTestDb } from "../testing/setup-test-db";
import { setupSmtpSink } from "../testing/smtp-sink.test-util";
import { acceptInvitation, createInvitation } from "./invitations";
import { signInWithPassword, signUpPartner } from "./service";

const t = setupTestDb();
const mail = setupSmtpSink(() => t.db);
const appUrl = "http://portal.test";
const ctx = { ip: "203.0.113.7", appUrl };

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("partner sign-up", () => {
  it("creates the organisation and an unverified first member, audited, and mails a verification link", async () => {
    const email = `${unique("jo")}@example.test`;
    await signUpPartner(
      t.db,
      {
        organizationName: "  Acme Apps  ",
        name: "Jo",
        email: email.toUpperCase(),
        password: "Sturdy-Lantern-42",
      },
      ctx,
    );
    const user = await t.db.user.findUniqueOrThrow({ where: { email } });
    expect(user).toMatchObject({ role: "partner", emailVerifiedAt: null });
    const org = await t.db.organization.findUniqueOrThrow({ where: { id: user.organizationId! } });
    expect(org.name).toBe("Acme Apps");
    const event = await t.db.auditEvent.findFirst({
      where: { action: "partner.signed_up", entityId: org.id },
    });
    expect(event?.ip).toBe(ctx.ip);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
    // The queued row keeps the link sealed; the delivered mail has it.
    const row = await t.db.emailMessage.findFirstOrThrow({ where: { to: email } });
    expect(row.text).not.toMatch(/verify-email\//);
    expect(row.sealedLink).not.toContain("verify-email");
    expect(await mail.linkFor(email, "/verify-email/")).toMatch(/^http:\/\/portal\.test\//);
    expect(
      (await t.db.emailMessage.findUniqueOrThrow({ where: { id: row.id } })).sealedLink,
    ).toBeNull();
  });

  it.each([
    [
      { organizationName: "", name: "Jo", email: "x@example.test", password: "Sturdy-Lantern-42" },
      "organizationName",
    ],
    [
      { organizationName: "Org", name: "Jo", email: "not-mail", password: "Sturdy-Lantern-42" },
      "email",
    ],
    [
      { organizationName: "Org", name: "Jo", email: "weak@example.test", password: "password" },
      "password",
    ],
  ])("refuses bad input by field and creates nothing (%#)", async (input, field) => {
    const before = await t.db.organization.count();
    const error = await rejection(signUpPartner(t.db, input, ctx));
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.fieldErrors?.[field]?.length).toBeGreaterThan(0);
    expect(await t.db.organization.count()).toBe(before);
  });

  it("answers a taken address exactly like a free one, and tells its owner instead", async () => {
    const owner = await createUser(t.db, { role: "partner" });
    const free = `${unique("free")}@example.test`;
    const input = (email: string) => ({
      organizationName: "Copycat Ltd",
      name: "Cat",
      email,
      password: "Sturdy-Lantern-42",
    });
    const before = await t.db.organization.count({ where: { name: "Copycat Ltd" } });
    const answers = await Promise.all([
      signUpPartner(t.db, input(owner.email), ctx).then(() => "same answer"),
      signUpPartner(t.db, input(free), ctx).then(() => "same answer"),
    ]);
    expect(answers).toEqual(["same answer", "same answer"]);
    expect(await t.db.organization.count({ where: { name: "Copycat Ltd" } })).toBe(before + 1);
    const [notice] = await mail.inbox(owner.email);
    expect(notice?.subject).toMatch(/Someone tried to sign up/);
    expect(notice?.body).toMatch(/Nothing was changed/);
    const owned = await t.db.user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(owned.organizationId).toBe(owner.organizationId);
  });

  it("takes about as long for a taken address as for a free one", async () => {
    const owner = await createUser(t.db, { role: "partner" });
    const time = async (email: string) => {
      const start = performance.now();
      await signUpPartner(
        t.db,
        { organizationName: "Timing Co", name: "T", email, password: "Sturdy-Lantern-42" },
        { ...ctx, ip: null },
      );
      return performance.now() - start;
    };
    const taken: number[] = [];
    const free: number[] = [];
    for (let i = 0; i < 5; i++) {
      taken.push(await time(owner.email));
      free.push(await time(`${unique("t")}@example.test`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[2]!;
    // Both hash the password (the bulk of the time); before, a taken address answered 3x faster.
    expect(median(taken)).toBeGreaterThan(median(free) * 0.5);
  });

  it("lets only one of two racing sign-ups create the organisation", async () => {
    const email = `${unique("race")}@example.test`;
    const input = { organizationName: "Race Co", name: "R", email, password: "Sturdy-Lantern-42" };
    const results = await Promise.allSettled([
      signUpPartner(t.db, input, ctx),
      signUpPartner(t.db, input, ctx),
    ]);
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    expect(await t.db.user.count({ where: { email } })).toBe(1);
  });
});

describe("password sign-in", () => {
  it("gives one generic message for an unknown e-mail and a wrong password", async () => {
    const user = await createUser(t.db, { role: "reviewer" });
    const unknown = await rejection(
      signInWithPassword(
        t.db,
        { email: "nobody@example.test", password: "x" },
        { ip: "198.51.100.1" },
      ),
    );
    const wrong = await rejection(
      signInWithPassword(
        t.db,
        { email: user.email, password: "wrong-password" },
        { ip: "198.51.100.1" },
      ),
    );
    expect(unknown.message).toBe(wrong.message);
    expect(wrong.code).toBe("UNAUTHORIZED");
    await expect(
      signInWithPassword(
        t.db,
        { email: user.email, password: TEST_PASSWORD },
        { ip: "198.51.100.1" },
      ),
    ).resolves.toMatchObject({ id: user.id });
  });

  it("refuses a disabled account with the same generic message", async () => {
    const user = await createUser(t.db, { role: "admin" });
    await t.db.user.update({ where: { id: user.id }, data: { status: "disabled" } });
    const error = await rejection(
      signInWithPassword(
        t.db,
        { email: user.email, password: TEST_PASSWORD },
        { ip: "198.51.100.20" },
      ),
    );
    expect(error.message).toBe("The e-mail or password is not right.");
  });
});

describe("invitations", () => {
  it("lets an admin invite a reviewer who then signs up once with the link", async () => {
    const admin = await createUser(t.db, { role: "admin" });
    const email = `${unique("rev")}@example.test`;
    await createInvitation(t.db, admin, { email, role: "reviewer" }, { appUrl });
    const row = await t.db.emailMessage.findFirstOrThrow({ where: { to: email } });
    expect(row.text).not.toMatch(/\/invite\//); // the link is sealed until sent
    const link = (await mail.linkFor(email, "/invite/"))!;
    const token = link.split("/invite/")[1]!;
    const reviewer = await acceptInvitation(
      t.db,
      { token, name: "Rae", password: "Sturdy-Lantern-42" },
      ctx,
    );
    expect(reviewer).toMatchObject({ email, role: "reviewer", organizationId: null });
    expect(
      (
        await rejection(
          acceptInvitation(t.db, { token, name: "Again", password: "Sturdy-Lantern-42" }, ctx),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });

  it("lets a partner invite only teammates into their own organisation", async () => {
    const partner = await createUser(t.db, { role: "partner" });
    const error = await rejection(
      createInvitation(
        t.db,
        partner,
        { email: `${unique("x")}@example.test`, role: "admin" },
        { appUrl },
      ),
    );
    expect(error.code).toBe("FORBIDDEN");
    const { email } = await createInvitation(
      t.db,
      partner,
      { email: `${unique("mate")}@example.test`, role: "partner" },
      { appUrl },
    );
    const invitation = await t.db.invitation.findFirstOrThrow({ where: { email } });
    expect(invitation.organizationId).toBe(partner.organizationId);
  });

  it("refuses an expired invitation", async () => {
    const admin = await createUser(t.db, { role: "admin" });
    const past = new Date(Date.now() - 8 * 86_400_000);
    const email = `${unique("late")}@example.test`;
    await createInvitation(t.db, admin, { email, role: "admin" }, { appUrl, now: past });
    const link = (await mail.linkFor(email, "/invite/"))!;
    const error = await rejection(
      acceptInvitation(
        t.db,
        { token: link.split("/invite/")[1]!, name: "Late", password: "Sturdy-Lantern-42" },
        ctx,
      ),
    );
    expect(error.message).toMatch(/expired/);
  });

  it("answers the same for an address that already has an account, and tells its owner", async () => {
    const partner = await createUser(t.db, { role: "partner" });
    const staff = await createUser(t.db, { role: "admin" });
    const free = `${unique("new")}@example.test`;
    const taken = await createInvitation(
      t.db,
      partner,
      { email: staff.email, role: "partner" },
      { appUrl },
    );
    const fresh = await createInvitation(
      t.db,
      partner,
      { email: free, role: "partner" },
      { appUrl },
    );
    expect(Object.keys(taken)).toEqual(Object.keys(fresh));
    expect(taken).toEqual({ email: staff.email });
    expect(await t.db.invitation.count({ where: { email: staff.email } })).toBe(0);
    const [notice] = await mail.inbox(staff.email);
    expect(notice?.subject).toMatch(/tried to invite you/);
    expect(notice?.body).not.toMatch(/\/invite\//);
  });
});
