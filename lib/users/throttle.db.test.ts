import { afterEach, describe, expect, it, vi } from "vitest";
import { createUser, TEST_PASSWORD, unique } from "../../prisma/factories";
import { LIMITS } from "../rate-limit";
import { createInvitation } from "./invitations";
import { AppError } from "../errors";
import { setupTestDb } from "../testing/setup-test-db";
import { THROTTLE } from "./rules";
import { signInWithPassword, signUpPartner } from "./service";

const t = setupTestDb();
afterEach(() => vi.useRealTimers());

async function outcome(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => "ok",
    (e: unknown) => {
      if (!(e instanceof AppError)) throw e;
      return e.code;
    },
  );
}

const signIn = (email: string, password: string, ip: string) =>
  outcome(signInWithPassword(t.db, { email, password }, { ip }));

describe("sign-in throttling", () => {
  it("lets the owner in from a known address while failures from many addresses lock out strangers", async () => {
    const owner = await createUser(t.db, { role: "admin" });
    const home = "203.0.113.50";
    expect(await signIn(owner.email, TEST_PASSWORD, home)).toBe("ok");
    // An attacker rotates its address on every guess.
    const guesses = THROTTLE.freeFailures.account + 5;
    const outcomes = [];
    for (let i = 0; i < guesses; i++)
      outcomes.push(await signIn(owner.email, `wrong-${i}`, `198.18.0.${i + 1}`));
    expect(outcomes.slice(0, THROTTLE.freeFailures.account)).toEqual(
      Array(THROTTLE.freeFailures.account).fill("UNAUTHORIZED"),
    );
    // Past the account's free failures, unknown addresses wait, even with the right password.
    expect(outcomes.at(-1)).toBe("RATE_LIMITED");
    expect(await signIn(owner.email, TEST_PASSWORD, "198.18.1.1")).toBe("RATE_LIMITED");
    // The owner's own address is not affected.
    expect(await signIn(owner.email, TEST_PASSWORD, home)).toBe("ok");
  });

  it("slows a password spray from one address across accounts, and the attacker's own sign-in does not reset it", async () => {
    const ip = "198.51.100.77";
    const attacker = await createUser(t.db, { role: "partner" });
    const victims = await Promise.all(
      Array.from({ length: 4 }, () => createUser(t.db, { role: "partner" })),
    );
    const outcomes = [];
    for (let i = 0; i < THROTTLE.freeFailures.address; i++) {
      if (i === 10) expect(await signIn(attacker.email, TEST_PASSWORD, ip)).toBe("ok");
      outcomes.push(await signIn(victims[i % victims.length]!.email, `spray-${i}`, ip));
    }
    expect(outcomes.every((o) => o === "UNAUTHORIZED")).toBe(true);
    expect(await signIn(victims[0]!.email, "spray-next", ip)).toBe("RATE_LIMITED");
    expect(await signIn(attacker.email, TEST_PASSWORD, ip)).toBe("RATE_LIMITED");
    // Other addresses are not slowed by it.
    expect(await signIn(victims[1]!.email, TEST_PASSWORD, "198.51.100.78")).toBe("ok");
  });

  it("blocks an account at one address with a growing delay, lifted by time, and a success there clears only that account's count", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-22T10:00:00Z"));
    const ip = "198.51.100.9";
    const user = await createUser(t.db, { role: "reviewer" });
    const other = await createUser(t.db, { role: "reviewer" });
    for (let i = 0; i < THROTTLE.freeFailures.accountAddress - 1; i++) {
      expect(await signIn(user.email, `nope-${i}`, ip)).toBe("UNAUTHORIZED");
      expect(await signIn(other.email, `nope-${i}`, ip)).toBe("UNAUTHORIZED");
    }
    expect(await signIn(user.email, "nope-last", ip)).toBe("UNAUTHORIZED");
    const blocked = await signInWithPassword(
      t.db,
      { email: user.email, password: TEST_PASSWORD },
      { ip },
    ).catch((e: AppError) => e);
    expect(blocked).toMatchObject({ code: "RATE_LIMITED" });
    expect((blocked as AppError).message).toMatch(/Try again in 30 seconds/);

    vi.setSystemTime(new Date(Date.now() + THROTTLE.firstBlockMs + 1000));
    expect(await signIn(user.email, TEST_PASSWORD, ip)).toBe("ok");
    // `other` kept its four failures: one more blocks it.
    expect(await signIn(other.email, "nope-again", ip)).toBe("UNAUTHORIZED");
    expect(await signIn(other.email, TEST_PASSWORD, ip)).toBe("RATE_LIMITED");
    const failures = await t.db.auditEvent.count({
      where: { action: "auth.sign_in_failed", actorLabel: user.email },
    });
    expect(failures).toBe(THROTTLE.freeFailures.accountAddress);
  });
});

describe("other budgets", () => {
  it("limits sign-ups per address, and other addresses still sign up", async () => {
    const ip = "198.51.100.200";
    const attempt = (i: number, from = ip) =>
      outcome(
        signUpPartner(
          t.db,
          {
            organizationName: `Org ${i}`,
            name: "Jo",
            email: `${unique("su")}@example.test`,
            password: "Sturdy-Lantern-42",
          },
          { ip: from, appUrl: "http://portal.test" },
        ),
      );
    for (let i = 0; i < LIMITS.signUp.points; i++) expect(await attempt(i)).toBe("ok");
    expect(await attempt(99)).toBe("RATE_LIMITED");
    expect(await attempt(100, "198.51.100.201")).toBe("ok");
  });

  it("limits invitations per inviting account", async () => {
    const admin = await createUser(t.db, { role: "admin" });
    const invite = () =>
      outcome(
        createInvitation(
          t.db,
          admin,
          { email: `${unique("inv")}@example.test`, role: "reviewer" },
          { appUrl: "http://portal.test" },
        ),
      );
    for (let i = 0; i < LIMITS.invitation.points; i++) expect(await invite()).toBe("ok");
    expect(await invite()).toBe("RATE_LIMITED");
  });
});
