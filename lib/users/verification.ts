// E-mail verification: a new partner account registers apps only after its owner opens the link
// mailed at sign-up (24 hours, single use; a new one can be sent from the account page).
import { z } from "zod";
import { auditActorOf, type Actor } from "../actor";
import { recordAudit } from "../audit/service";
import type { Db, Tx } from "../database/client";
import { AppError } from "../errors";
import { LINK_PLACEHOLDER } from "../notifications/sealed-link";
import { queueEmail } from "../notifications/mail";
import { tryConsume, LIMITS } from "../rate-limit";
import { parseOrThrow } from "../validation";
import { consumeUserToken, issueUserToken } from "./tokens";

export const ZEmailToken = z.object({
  token: z.string().trim().min(20, "This link is incomplete.").max(200, "This link is not valid."),
});

/** Issues a verification token and queues its mail (the link stays sealed until sent). */
export async function queueVerificationMail(
  tx: Tx,
  user: { id: string; email: string },
  ctx: { appUrl: string; now: Date },
): Promise<void> {
  const token = await issueUserToken(tx, user.id, "verify_email", ctx.now);
  await queueEmail(tx, {
    to: user.email,
    subject: "Confirm your e-mail address for Scopewarden",
    text: `Open this link within 24 hours to confirm your address and finish creating your Scopewarden account:\n\n${LINK_PLACEHOLDER}\n\nIf you did not sign up, ignore this message: nothing happens without the link.`,
    link: `${ctx.appUrl.replace(/\/$/, "")}/verify-email/${token}`,
  });
}

/** Uses up a verification link and marks its account's address verified. */
export async function verifyEmail(
  db: Db,
  raw: z.input<typeof ZEmailToken>,
  ctx: { ip: string | null; now?: Date },
): Promise<{ email: string }> {
  const { token } = parseOrThrow(ZEmailToken, raw);
  const now = ctx.now ?? new Date();
  return db.$transaction(async (tx) => {
    const userId = await consumeUserToken(tx, token, "verify_email", now);
    if (!userId)
      throw new AppError(
        "NOT_FOUND",
        "This link has expired or was already used. Sign in and send a new one from your account page.",
      );
    const user = await tx.user.update({
      where: { id: userId },
      data: { emailVerifiedAt: now },
      select: { id: true, email: true, organizationId: true },
    });
    await recordAudit(tx, {
      actor: { type: "user", id: user.id, label: user.email },
      action: "user.email_verified",
      entityType: "User",
      entityId: user.id,
      organizationId: user.organizationId,
      ip: ctx.ip,
      at: now,
    });
    return { email: user.email };
  });
}

/** Sends the signed-in person a new verification link (a few an hour at most). */
export async function resendVerification(
  db: Db,
  actor: Actor,
  ctx: { appUrl: string; now?: Date },
): Promise<void> {
  const now = ctx.now ?? new Date();
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { id: true, email: true, emailVerifiedAt: true },
  });
  if (user.emailVerifiedAt) throw new AppError("CONFLICT", "Your address is already verified.");
  if (!(await tryConsume(db, LIMITS.passwordResetMail, `verify:${user.email}`)))
    throw new AppError("RATE_LIMITED", "A link was sent a moment ago. Check your inbox.");
  await db.$transaction(async (tx) => {
    await queueVerificationMail(tx, user, { appUrl: ctx.appUrl, now });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "user.verification_sent",
      entityType: "User",
      entityId: user.id,
      organizationId: actor.organizationId,
      at: now,
    });
  });
}

/** Whether the person still has to verify their address. */
export async function isEmailUnverified(db: Db, userId: string): Promise<boolean> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { emailVerifiedAt: true },
  });
  return !!user && !user.emailVerifiedAt;
}
