import { describe, expect, it } from "vitest";
import { createUser, TEST_PASSWORD, unique } from "../../prisma/factories";
import { verifyAuditChain } from "../audit/verify";
import { AppError } from "../errors";
import { setupTestDb } from "../testing/setup-test-db";
import { acceptInvitation, createInvitation } from "./invitations";
import { signInWithPassword, signUpPartner } from "./service";

const t = setupTestDb();
const ctx = { ip: "203.0.113.7" };
const appUrl = "http://portal.test";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("partner sign-up", () => {
  it("creates the organisation and its first member together, audited", async () => {
    const email = `${unique("jo")}@example.test`;
    const actor = await signUpPartner(
      t.db,
      {
        organizationName: "  Acme Apps  ",
        name: "Jo",
        email: email.toUpperCase(),
        password: "Sturdy-Lantern-42",
      },
      ctx,
    );
    expect(actor).toMatchObject({ email, role: "partner" });
    const org = await t.db.organization.findUniqueOrThrow({ where: { id: actor.organizationId! } });
    expect(org.name).toBe("Acme Apps");
    const event = await t.db.auditEvent.findFirst({
      where: { action: "partner.signed_up", entityId: org.id },
    });
    expect(event?.ip).toBe(ctx.ip);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
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

  it("refuses a taken e-mail, even when two sign-ups race, leaving one organisation", async () => {
    const email = `${unique("race")}@example.test`;
    const input = { organizationName: "Race Co", name: "R", email, password: "Sturdy-Lantern-42" };
    const results = await Promise.allSettled([
      signUpPartner(t.db, input, ctx),
      signUpPartner(t.db, input, ctx),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failure = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failure.reason).toMatchObject({
      code: "CONFLICT",
      fieldErrors: { email: [expect.stringContaining("already exists")] },
    });
    expect(await t.db.organization.count({ where: { name: "Race Co" } })).toBe(1);
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
    const { link } = await createInvitation(t.db, admin, { email, role: "reviewer" }, { appUrl });
    expect(await t.db.emailMessage.count({ where: { to: email, text: { contains: link } } })).toBe(
      1,
    );
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
    const { invitation } = await createInvitation(
      t.db,
      partner,
      { email: `${unique("mate")}@example.test`, role: "partner" },
      { appUrl },
    );
    expect(invitation.organizationId).toBe(partner.organizationId);
  });

  it("refuses an expired invitation", async () => {
    const admin = await createUser(t.db, { role: "admin" });
    const past = new Date(Date.now() - 8 * 86_400_000);
    const { link } = await createInvitation(
      t.db,
      admin,
      { email: `${unique("late")}@example.test`, role: "admin" },
      { appUrl, now: past },
    );
    const error = await rejection(
      acceptInvitation(
        t.db,
        { token: link.split("/invite/")[1]!, name: "Late", password: "Sturdy-Lantern-42" },
        ctx,
      ),
    );
    expect(error.message).toMatch(/expired/);
  });
});
