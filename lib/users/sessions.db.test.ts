import { describe, expect, it } from "vitest";
import { createUser, TEST_PASSWORD } from "../../prisma/factories";
import { removeMember } from "../orgs/service";
import { setupTestDb } from "../testing/setup-test-db";
import { signInWithPassword } from "./service";
import {
  checkSession,
  endSession,
  findUserSessions,
  forgetSessionChecks,
  signOutEverywhere,
  signOutSession,
} from "./sessions";

const t = setupTestDb();
const firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

async function signIn(user: { email: string }, ip = "203.0.113.7") {
  return signInWithPassword(
    t.db,
    { email: user.email, password: TEST_PASSWORD },
    { ip, userAgent: firefox },
  );
}

describe("server-side sessions", () => {
  it("records the device and address, and sign-out ends the session on the next check", async () => {
    const user = await createUser(t.db, { role: "reviewer" });
    const { sessionId } = await signIn(user);
    expect(await checkSession(t.db, sessionId)).toMatchObject({ id: user.id, sessionId });
    const [listed] = await findUserSessions(t.db, user.id);
    expect(listed).toMatchObject({ id: sessionId, ip: "203.0.113.7", userAgent: firefox });
    await endSession(t.db, sessionId);
    expect(await checkSession(t.db, sessionId)).toBeNull();
    expect(await findUserSessions(t.db, user.id)).toEqual([]);
  });

  it("signs out one device from the account page, and only the owner's", async () => {
    const user = await createUser(t.db, { role: "admin" });
    const stranger = await createUser(t.db, { role: "admin" });
    const laptop = await signIn(user);
    const phone = await signIn(user, "198.51.100.4");
    await expect(signOutSession(t.db, stranger, { sessionId: phone.sessionId })).rejects.toThrow(
      /not found/,
    );
    await signOutSession(t.db, user, { sessionId: phone.sessionId });
    expect(await checkSession(t.db, phone.sessionId)).toBeNull();
    expect(await checkSession(t.db, laptop.sessionId)).not.toBeNull();
  });

  it("'sign out everywhere' ends every session of the user and no one else's", async () => {
    const user = await createUser(t.db, { role: "partner" });
    const other = await createUser(t.db, { role: "partner" });
    const a = await signIn(user);
    const b = await signIn(user, "198.51.100.5");
    const c = await signIn(other);
    expect(await signOutEverywhere(t.db, user)).toBe(2);
    expect(await checkSession(t.db, a.sessionId)).toBeNull();
    expect(await checkSession(t.db, b.sessionId)).toBeNull();
    expect(await checkSession(t.db, c.sessionId)).not.toBeNull();
  });

  it("ends when the account's role or organisation changes, or it is disabled, whatever the cookie says", async () => {
    const promoted = await createUser(t.db, { role: "reviewer" });
    const moved = await createUser(t.db, { role: "partner" });
    const disabled = await createUser(t.db, { role: "admin" });
    const sessions = await Promise.all([signIn(promoted), signIn(moved), signIn(disabled)]);
    for (const s of sessions) expect(await checkSession(t.db, s.sessionId)).not.toBeNull();
    await t.db.user.update({ where: { id: promoted.id }, data: { role: "admin" } });
    const otherOrg = await t.db.organization.create({ data: { name: "Elsewhere" } });
    await t.db.user.update({ where: { id: moved.id }, data: { organizationId: otherOrg.id } });
    await t.db.user.update({ where: { id: disabled.id }, data: { status: "disabled" } });
    // Another instance learns of such changes when its short check cache runs out.
    forgetSessionChecks({ userId: promoted.id });
    forgetSessionChecks({ userId: moved.id });
    forgetSessionChecks({ userId: disabled.id });
    for (const s of sessions) expect(await checkSession(t.db, s.sessionId)).toBeNull();
  });

  it("shows a member their organisation's new status once the organisation's checks are forgotten", async () => {
    const member = await createUser(t.db, { role: "partner" });
    const bystander = await createUser(t.db, { role: "partner" });
    const [mine, theirs] = await Promise.all([signIn(member), signIn(bystander)]);
    expect((await checkSession(t.db, mine.sessionId))?.organization?.status).toBe("active");
    expect((await checkSession(t.db, theirs.sessionId))?.organization?.status).toBe("active");
    await t.db.organization.update({
      where: { id: member.organizationId! },
      data: { status: "suspended", statusReason: "Contract under review" },
    });
    await t.db.organization.update({
      where: { id: bystander.organizationId! },
      data: { status: "suspended" },
    });
    // Remembered for a few seconds; the admin's action forgets its organisation's checks at once.
    expect((await checkSession(t.db, mine.sessionId))?.organization?.status).toBe("active");
    forgetSessionChecks({ organizationId: member.organizationId! });
    expect((await checkSession(t.db, mine.sessionId))?.organization).toMatchObject({
      status: "suspended",
      statusReason: "Contract under review",
    });
    // Another organisation's members keep their remembered check until it runs out.
    expect((await checkSession(t.db, theirs.sessionId))?.organization?.status).toBe("active");
  });

  it("ends a member's sessions when a teammate removes them from the organisation", async () => {
    const lead = await createUser(t.db, { role: "partner" });
    const member = await createUser(t.db, {
      role: "partner",
      organizationId: lead.organizationId,
    });
    const { sessionId } = await signIn(member);
    expect(await checkSession(t.db, sessionId)).not.toBeNull();
    await removeMember(t.db, lead, { userId: member.id });
    expect(await checkSession(t.db, sessionId)).toBeNull();
    const row = await t.db.userSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(row.revokedAt).not.toBeNull();
  });

  it("treats a missing, malformed or expired session id as signed out", async () => {
    expect(await checkSession(t.db, undefined)).toBeNull();
    expect(await checkSession(t.db, "not-a-uuid")).toBeNull();
    const user = await createUser(t.db, { role: "reviewer" });
    const { sessionId } = await signIn(user);
    const later = new Date(Date.now() + 9 * 60 * 60_000);
    expect(await checkSession(t.db, sessionId, later)).toBeNull();
  });
});
