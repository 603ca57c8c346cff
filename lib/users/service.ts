// Accounts: partner self sign-up, password sign-in, staff accounts made from the command line.
import type { Actor } from "../actor";
import type { z } from "zod";
import type { Db } from "../database/client";
import { recordAudit } from "../audit/service";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password";
import { AppError, isUniqueViolation } from "../errors";
import { assertNotThrottled, recordFailure, recordSuccess, type Attempt } from "./throttle";
import { ZCreateStaffUser, ZSignIn, ZSignUp } from "./schemas";
import { consumeOrThrow, LIMITS, tryConsume } from "../rate-limit";
import { parseOrThrow } from "../validation";
import { queueEmail } from "../notifications/mail";
import { isKnownAddress, startSession } from "./sessions";
import { queueVerificationMail } from "./verification";

export type RequestContext = { ip: string | null; userAgent?: string | null; now?: Date };

/** A signed-in account and the server-side session the cookie will name. */
export type SignedIn = Actor & { sessionId: string };

const emailTaken = () =>
  new AppError("CONFLICT", "An account with this e-mail already exists.", {
    email: ["An account with this e-mail already exists. Sign in instead, or use another address."],
  });

export const SIGN_UP_ANSWER =
  "Check your e-mail: we sent a link to finish creating your account. It may take a minute.";

/**
 * Partner sign-up. The answer is the same whether the address is free or taken (SIGN_UP_ANSWER),
 * and so is the work: the password is hashed and one mail is queued either way. A free address
 * gets the organisation, its first member (unverified) and a verification link; a taken one gets
 * its owner a "someone tried to sign up with your address" notice.
 */
export async function signUpPartner(
  db: Db,
  raw: z.input<typeof ZSignUp>,
  ctx: RequestContext & { appUrl: string },
): Promise<void> {
  const input = parseOrThrow(ZSignUp, raw);
  const now = ctx.now ?? new Date();
  if (ctx.ip) await consumeOrThrow(db, LIMITS.signUp, ctx.ip);
  const passwordHash = await hashPassword(input.password);
  const existing = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true },
  });
  if (existing) return noticeExistingAccount(db, input.email, ctx, now);
  try {
    await db.$transaction(async (tx) => {
      const org = await tx.organization.create({ data: { name: input.organizationName } });
      const user = await tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          passwordHash,
          role: "partner",
          organizationId: org.id,
        },
      });
      await queueVerificationMail(tx, user, { appUrl: ctx.appUrl, now });
      await recordAudit(tx, {
        actor: { type: "user", id: user.id, label: user.email },
        action: "partner.signed_up",
        entityType: "Organization",
        entityId: org.id,
        organizationId: org.id,
        after: {
          organization: { id: org.id, name: org.name },
          user: { id: user.id, email: user.email, name: user.name },
        },
        ip: ctx.ip,
        at: now,
      });
    });
  } catch (error) {
    // Taken between the check and the insert: the same answer as any taken address.
    if (isUniqueViolation(error)) return noticeExistingAccount(db, input.email, ctx, now);
    throw error;
  }
}

async function noticeExistingAccount(
  db: Db,
  email: string,
  ctx: RequestContext & { appUrl: string },
  now: Date,
): Promise<void> {
  const base = ctx.appUrl.replace(/\/$/, "");
  const shouldMail = await tryConsume(db, LIMITS.signUpNoticeMail, email);
  await db.$transaction(async (tx) => {
    if (shouldMail)
      await queueEmail(tx, {
        to: email,
        subject: "Someone tried to sign up to Scopewarden with your address",
        text: `Someone tried to create a new Scopewarden account with this e-mail address, which already has one. Nothing was changed.\n\nIf it was you, sign in at ${base}/sign-in, or reset your password at ${base}/forgot-password.\n\nIf it was not you, you can ignore this message.`,
      });
    await recordAudit(tx, {
      actor: { type: "anonymous", label: email },
      action: "partner.sign_up_refused",
      entityType: "User",
      after: { reason: "email_taken", noticeSent: shouldMail },
      ip: ctx.ip,
      at: now,
    });
  });
}

const badCredentials = () => new AppError("UNAUTHORIZED", "The e-mail or password is not right.");

/**
 * Checks a password and starts a session. Failures are counted per address, per account and
 * address, and per account from unknown addresses (lib/users/throttle.ts); past a few, further
 * attempts wait (RATE_LIMITED) before the password is even looked at.
 */
export async function signInWithPassword(
  db: Db,
  raw: z.input<typeof ZSignIn>,
  ctx: RequestContext,
): Promise<SignedIn> {
  const now = ctx.now ?? new Date();
  const parsed = ZSignIn.safeParse(raw);
  if (!parsed.success || !parsed.data.email || !parsed.data.password) throw badCredentials();
  const { email, password } = parsed.data;
  const user = await db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
  const attempt: Attempt = {
    account: `user:${email}`,
    ip: ctx.ip,
    isKnownSource: !!user && (await isKnownAddress(db, user.id, ctx.ip)),
  };
  await assertNotThrottled(db, attempt);

  const isValid = user
    ? await verifyPassword(user.passwordHash, password)
    : (await verifyAgainstDummy(password), false);
  if (!user || !isValid || user.status !== "active") {
    await recordFailure(db, attempt);
    await db.$transaction(async (tx) => {
      await recordAudit(tx, {
        actor: { type: "anonymous", label: email },
        action: "auth.sign_in_failed",
        entityType: "User",
        entityId: user?.id ?? null,
        organizationId: user?.organizationId ?? null,
        after: {
          reason: !user ? "unknown_email" : !isValid ? "wrong_password" : "account_disabled",
        },
        ip: ctx.ip,
        at: now,
      });
    });
    throw badCredentials();
  }
  await recordSuccess(db, attempt);
  const sessionId = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
    const started = await startSession(tx, user, { ip: ctx.ip, userAgent: ctx.userAgent, now });
    await recordAudit(tx, {
      actor: { type: "user", id: user.id, label: user.email },
      action: "auth.signed_in",
      entityType: "User",
      entityId: user.id,
      organizationId: user.organizationId,
      ip: ctx.ip,
      at: now,
    });
    return started;
  });
  return {
    sessionId,
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organizationId: user.organizationId,
  };
}

/** Staff accounts made from the command line (the first admin) — audited as the system. */
export async function createStaffUser(
  db: Db,
  raw: z.input<typeof ZCreateStaffUser>,
): Promise<Actor> {
  const input = parseOrThrow(ZCreateStaffUser, raw);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          passwordHash,
          role: input.role,
          emailVerifiedAt: new Date(),
        },
      });
      await recordAudit(tx, {
        actor: { type: "system", label: "command line" },
        action: "user.created",
        entityType: "User",
        entityId: user.id,
        after: { email: user.email, name: user.name, role: user.role },
      });
      return {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        organizationId: null,
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}
