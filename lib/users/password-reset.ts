// "Forgot password": a single-use link, valid 30 minutes, whose token is stored only as a hash.
// The answer is the same for any address; a reset ends every session of the account.
import type { z } from "zod";
import { recordAudit } from "../audit/service";
import type { Db } from "../database/client";
import { AppError } from "../errors";
import { queueEmail } from "../notifications/mail";
import { LINK_PLACEHOLDER } from "../notifications/sealed-link";
import { consumeOrThrow, LIMITS, tryConsume } from "../rate-limit";
import { parseOrThrow } from "../validation";
import { hashPassword, verifyAgainstDummy } from "./password";
import { newPasswordIssues, ZForgotPassword, ZResetPassword } from "./schemas";
import { endUserSessions } from "./sessions";
import { consumeUserToken, hashToken, issueUserToken } from "./tokens";

export const RESET_REQUESTED_ANSWER =
  "If an account uses that address, we sent it a link to choose a new password. The link works once, for 30 minutes.";

export async function requestPasswordReset(
  db: Db,
  raw: z.input<typeof ZForgotPassword>,
  ctx: { ip: string | null; appUrl: string; now?: Date },
): Promise<void> {
  const { email } = parseOrThrow(ZForgotPassword, raw);
  const now = ctx.now ?? new Date();
  if (ctx.ip) await consumeOrThrow(db, LIMITS.passwordReset, ctx.ip);
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, status: true, organizationId: true },
  });
  // The same work for any address: one budget check either way.
  const mayMail = await tryConsume(db, LIMITS.passwordResetMail, email);
  if (!user || user.status !== "active" || !mayMail) return;
  await db.$transaction(async (tx) => {
    const token = await issueUserToken(tx, user.id, "reset_password", now);
    await queueEmail(tx, {
      to: user.email,
      subject: "Choose a new Scopewarden password",
      text: `Someone (we hope you) asked to reset the password of this Scopewarden account. Open this link within 30 minutes to choose a new one; it works once:\n\n${LINK_PLACEHOLDER}\n\nChoosing a new password signs you out everywhere. If you did not ask for this, ignore this message: your password stays as it is.`,
      link: `${ctx.appUrl.replace(/\/$/, "")}/reset-password/${token}`,
    });
    await recordAudit(tx, {
      actor: { type: "anonymous", label: email },
      action: "user.password_reset_requested",
      entityType: "User",
      entityId: user.id,
      organizationId: user.organizationId,
      ip: ctx.ip,
      at: now,
    });
  });
}

/** Sets the new password, uses up the link and ends every session of the account. */
export async function resetPassword(
  db: Db,
  raw: z.input<typeof ZResetPassword>,
  ctx: { ip: string | null; now?: Date },
): Promise<{ email: string }> {
  const input = parseOrThrow(ZResetPassword, raw);
  const now = ctx.now ?? new Date();
  const expired = () =>
    new AppError("NOT_FOUND", "This link has expired or was already used. Ask for a new one.");
  const owner = await db.user.findFirst({
    where: { tokens: { some: { tokenHash: hashToken(input.token), purpose: "reset_password" } } },
    select: { id: true, email: true, name: true, organizationId: true },
  });
  if (!owner) {
    await verifyAgainstDummy(input.password);
    throw expired();
  }
  const issues = newPasswordIssues(input.password, owner);
  if (issues)
    throw new AppError("INVALID_INPUT", "Choose a stronger password.", {
      password: issues.newPassword,
    });
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const userId = await consumeUserToken(tx, input.token, "reset_password", now);
    if (userId !== owner.id) throw expired();
    // The link reached the inbox: that verifies the address too.
    await tx.user.update({ where: { id: owner.id }, data: { passwordHash } });
    await tx.user.updateMany({
      where: { id: owner.id, emailVerifiedAt: null },
      data: { emailVerifiedAt: now },
    });
    const endedSessions = await endUserSessions(tx, owner.id, now);
    await recordAudit(tx, {
      actor: { type: "user", id: owner.id, label: owner.email },
      action: "user.password_reset",
      entityType: "User",
      entityId: owner.id,
      organizationId: owner.organizationId,
      after: { endedSessions },
      ip: ctx.ip,
      at: now,
    });
    return { email: owner.email };
  });
}
