// Invitations by link: admins invite admins and reviewers; partners invite teammates into their
// own organisation. Only a hash of the link's token is stored.
import type { z } from "zod";
import { createHash, randomBytes } from "node:crypto";
import { auditActorOf, type Actor } from "../actor";
import type { Db } from "../database/client";
import { recordAudit } from "../audit/service";
import { hashPassword } from "./password";
import { AppError, isUniqueViolation } from "../errors";
import { queueEmail } from "../notifications/mail";
import { consumeOrThrow, LIMITS, tryConsume } from "../rate-limit";
import { LINK_PLACEHOLDER } from "../notifications/sealed-link";
import { parseOrThrow } from "../validation";
import { ZAcceptInvitation, ZAcceptInvitationForm, ZInvitation } from "./schemas";

export const INVITATION_DAYS = 7;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

const roleWords = {
  partner: "a partner member",
  admin: "an administrator",
  reviewer: "a reviewer",
} as const;

export async function createInvitation(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZInvitation>,
  options: { appUrl: string; now?: Date },
) {
  const input = parseOrThrow(ZInvitation, raw);
  const now = options.now ?? new Date();
  if (actor.role === "partner") {
    if (input.role !== "partner")
      throw new AppError("FORBIDDEN", "Partners can invite only teammates.");
  } else if (actor.role !== "admin" || input.role === "partner") {
    throw new AppError(
      "FORBIDDEN",
      "Admins invite admins and reviewers; partners sign up or are invited by their organisation.",
    );
  }
  const organizationId = actor.role === "partner" ? actor.organizationId : null;
  await consumeOrThrow(db, LIMITS.invitation, actor.id);
  // The inviter learns nothing about the address: an existing account gets a notice instead of
  // an invitation, and the answer is the same.
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    await noticeAlreadyMember(db, actor, input.email, options.appUrl, now);
    return { email: input.email };
  }
  const token = randomBytes(32).toString("base64url");
  const link = `${options.appUrl.replace(/\/$/, "")}/invite/${token}`;
  const invitation = await db.$transaction(async (tx) => {
    await tx.invitation.updateMany({
      where: { email: input.email, organizationId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const created = await tx.invitation.create({
      data: {
        email: input.email,
        role: input.role,
        organizationId,
        tokenHash: hashToken(token),
        invitedById: actor.id,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
      },
    });
    const org = organizationId
      ? await tx.organization.findUnique({ where: { id: organizationId }, select: { name: true } })
      : null;
    await queueEmail(tx, {
      to: input.email,
      subject: org
        ? `${actor.name} invited you to ${org.name} on Scopewarden`
        : "You are invited to Scopewarden",
      text: `${actor.name} (${actor.email}) invited you to join ${org ? org.name : "Scopewarden"} as ${roleWords[input.role]}.\n\nAccept within ${INVITATION_DAYS} days: ${LINK_PLACEHOLDER}\n\nIf you did not expect this, ignore this message.`,
      link,
    });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "invitation.created",
      entityType: "Invitation",
      entityId: created.id,
      organizationId,
      after: { email: created.email, role: created.role, expiresAt: created.expiresAt },
    });
    return created;
  });
  return { email: invitation.email };
}

/** Tells the owner of an existing account that someone tried to invite them (a few an hour). */
async function noticeAlreadyMember(
  db: Db,
  actor: Actor,
  email: string,
  appUrl: string,
  now: Date,
): Promise<void> {
  const shouldMail = await tryConsume(db, LIMITS.signUpNoticeMail, `invite:${email}`);
  await db.$transaction(async (tx) => {
    if (shouldMail)
      await queueEmail(tx, {
        to: email,
        subject: "Someone tried to invite you to Scopewarden",
        text: `${actor.name} (${actor.email}) tried to invite this address to Scopewarden, which already has an account. Nothing was changed.\n\nSign in at ${appUrl.replace(/\/$/, "")}/sign-in. If you do not know why, you can ignore this message.`,
      });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "invitation.refused",
      entityType: "Invitation",
      organizationId: actor.role === "partner" ? actor.organizationId : null,
      after: { reason: "email_taken", noticeSent: shouldMail },
      at: now,
    });
  });
}

export type InvitationView = {
  email: string;
  role: string;
  organizationName: string | null;
  state: "valid" | "expired" | "used";
};

export async function findInvitationByToken(
  db: Db,
  token: string,
  now = new Date(),
): Promise<InvitationView | null> {
  const row = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { organization: { select: { name: true } } },
  });
  if (!row) return null;
  const state =
    row.acceptedAt || row.revokedAt ? "used" : row.expiresAt <= now ? "expired" : "valid";
  return {
    email: row.email,
    role: row.role,
    organizationName: row.organization?.name ?? null,
    state,
  };
}

/** Creates the account and uses up the invitation, in one transaction. */
export async function acceptInvitation(
  db: Db,
  raw: z.input<typeof ZAcceptInvitationForm>,
  ctx: { ip: string | null; now?: Date },
): Promise<Actor> {
  const now = ctx.now ?? new Date();
  const pending = await findInvitationByToken(
    db,
    String((raw as { token?: unknown } | null)?.token ?? ""),
    now,
  );
  if (!pending || pending.state !== "valid") {
    throw new AppError(
      "NOT_FOUND",
      pending?.state === "expired"
        ? "This invitation has expired. Ask for a new one."
        : "This invitation is no longer valid.",
    );
  }
  const input = parseOrThrow(ZAcceptInvitation, { ...(raw as object), email: pending.email });
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const invitation = await tx.invitation.findUniqueOrThrow({
        where: { tokenHash: hashToken(input.token) },
      });
      const used = await tx.invitation.updateMany({
        where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { acceptedAt: now },
      });
      if (used.count !== 1)
        throw new AppError("CONFLICT", "This invitation was just used. Sign in instead.");
      const user = await tx.user.create({
        data: {
          email: invitation.email,
          name: input.name,
          passwordHash,
          role: invitation.role,
          organizationId: invitation.organizationId,
          // The invitation's link reached this inbox.
          emailVerifiedAt: now,
        },
      });
      await recordAudit(tx, {
        actor: { type: "user", id: user.id, label: user.email },
        action: "invitation.accepted",
        entityType: "User",
        entityId: user.id,
        organizationId: user.organizationId,
        after: { email: user.email, name: user.name, role: user.role, invitationId: invitation.id },
        ip: ctx.ip,
      });
      return {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        organizationId: user.organizationId,
      };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError(
        "CONFLICT",
        "An account with this e-mail already exists. Sign in instead.",
      );
    throw error;
  }
}
