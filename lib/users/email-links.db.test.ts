import { describe, expect, it } from "vitest";
import { createUser, TEST_PASSWORD, unique } from "../../prisma/factories";
import { registerApp } from "../apps/service";
import { AppError } from "../errors";
import { setupTestDb } from "../testing/setup-test-db";
import { setupSmtpSink } from "../testing/smtp-sink.test-util";
import { requestPasswordReset, resetPassword } from "./password-reset";
import { signInWithPassword, signUpPartner } from "./service";
import { checkSession } from "./sessions";
import { verifyEmail } from "./verification";

const t = setupTestDb();
const mail = setupSmtpSink(() => t.db);
const appUrl = "http://portal.test";
const tokenOf = (link: string | null) => link!.split("/").at(-1)!;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => "ok",
    (e: unknown) => {
      if (!(e instanceof AppError)) throw e;
      return e.code;
    },
  );
}

const app = {
  details: {
    name: "Verified Service",
    appType: "backend" as const,
    clientType: "backend" as const,
    launchModes: [],
    redirectUris: "",
    jwksUrl: "https://svc.example.com/jwks",
  },
  scopes: "system/Observation.rs",
  justification: "Needed for the service",
};

describe("e-mail verification", () => {
  it("lets a new partner register apps only after opening the mailed link, once", async () => {
    const email = `${unique("new")}@example.test`;
    await signUpPartner(
      t.db,
      { organizationName: "New Co", name: "Nia", email, password: TEST_PASSWORD },
      { ip: null, appUrl },
    );
    const actor = await signInWithPassword(t.db, { email, password: TEST_PASSWORD }, { ip: null });
    const refused = await registerApp(t.db, actor, app).catch((e: AppError) => e);
    expect(refused).toMatchObject({ code: "FORBIDDEN" });
    expect((refused as AppError).message).toMatch(/Verify your e-mail/);

    const token = tokenOf(await mail.linkFor(email, "/verify-email/"));
    await expect(verifyEmail(t.db, { token }, { ip: null })).resolves.toEqual({ email });
    expect(await codeOf(verifyEmail(t.db, { token }, { ip: null }))).toBe("NOT_FOUND");
    expect(await codeOf(registerApp(t.db, actor, app))).toBe("ok");
  });
});

describe("password reset", () => {
  it("answers the same for any address, and mails a link only to an account's owner", async () => {
    const user = await createUser(t.db, { role: "reviewer" });
    const nobody = `${unique("nobody")}@example.test`;
    await requestPasswordReset(t.db, { email: user.email }, { ip: null, appUrl });
    await requestPasswordReset(t.db, { email: nobody }, { ip: null, appUrl });
    expect(await mail.inbox(nobody)).toEqual([]);
    expect(await mail.linkFor(user.email, "/reset-password/")).toMatch(/reset-password\/\S{40,}/);
    const rows = await t.db.emailMessage.findMany({ where: { to: user.email } });
    expect(rows.every((r) => !r.text.includes("/reset-password/"))).toBe(true);
    const token = await t.db.userToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(token.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(token.expiresAt.getTime() - token.createdAt.getTime()).toBe(30 * 60_000);
  });

  it("sets the new password once, ends every session, and the old password stops working", async () => {
    const user = await createUser(t.db, { role: "partner" });
    const a = await signInWithPassword(
      t.db,
      { email: user.email, password: TEST_PASSWORD },
      { ip: "203.0.113.1" },
    );
    const b = await signInWithPassword(
      t.db,
      { email: user.email, password: TEST_PASSWORD },
      { ip: "203.0.113.2" },
    );
    await requestPasswordReset(t.db, { email: user.email }, { ip: null, appUrl });
    const token = tokenOf(await mail.linkFor(user.email, "/reset-password/"));

    expect(await codeOf(resetPassword(t.db, { token, password: "short" }, { ip: null }))).toBe(
      "INVALID_INPUT",
    );
    await resetPassword(t.db, { token, password: "Brand-New-Lantern-77" }, { ip: null });
    expect(await checkSession(t.db, a.sessionId)).toBeNull();
    expect(await checkSession(t.db, b.sessionId)).toBeNull();
    expect(
      await codeOf(resetPassword(t.db, { token, password: "Another-Lantern-78" }, { ip: null })),
    ).toBe("NOT_FOUND");
    const ip = "203.0.113.3";
    expect(
      await codeOf(
        signInWithPassword(t.db, { email: user.email, password: TEST_PASSWORD }, { ip }),
      ),
    ).toBe("UNAUTHORIZED");
    expect(
      await codeOf(
        signInWithPassword(t.db, { email: user.email, password: "Brand-New-Lantern-77" }, { ip }),
      ),
    ).toBe("ok");
  });

  it("refuses a link older than 30 minutes", async () => {
    const user = await createUser(t.db, { role: "admin" });
    const past = new Date(Date.now() - 31 * 60_000);
    await requestPasswordReset(t.db, { email: user.email }, { ip: null, appUrl, now: past });
    const token = tokenOf(await mail.linkFor(user.email, "/reset-password/"));
    expect(
      await codeOf(resetPassword(t.db, { token, password: "Brand-New-Lantern-77" }, { ip: null })),
    ).toBe("NOT_FOUND");
  });
});
