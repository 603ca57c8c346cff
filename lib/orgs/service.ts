// Partner organisation membership: removing members and withdrawing invitations.
import { z } from "zod";
import { assertRole, auditActorOf, type Actor } from "../actor";
import type { Db } from "../database/client";
import { recordAudit } from "../audit/service";
import { AppError } from "../errors";
import { endUserSessions } from "../users/sessions";
import { parseOrThrow } from "../validation";
import { ZInvitationId, ZUserId } from "./schemas";

/** Disables a teammate's account (kept, not deleted, so the history still names them). */
export async function removeMember(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZUserId>,
  now = new Date(),
): Promise<void> {
  assertRole(actor, "partner");
  const { userId } = parseOrThrow(ZUserId, raw);
  if (userId === actor.id)
    throw new AppError("INVALID_INPUT", "You cannot remove yourself; ask a teammate to do it.");
  await db.$transaction(async (tx) => {
    const member = await tx.user.findFirst({
      where: { id: userId, organizationId: actor.organizationId!, status: "active" },
    });
    if (!member) throw new AppError("NOT_FOUND", "That member was not found.");
    await tx.user.update({ where: { id: member.id }, data: { status: "disabled" } });
    await endUserSessions(tx, member.id, now);
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "member.removed",
      entityType: "User",
      entityId: member.id,
      organizationId: actor.organizationId,
      before: { email: member.email, status: member.status },
      after: { status: "disabled" },
      at: now,
    });
  });
}

export async function revokeInvitation(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZInvitationId>,
  now = new Date(),
): Promise<void> {
  const { invitationId } = parseOrThrow(ZInvitationId, raw);
  await db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({
      where: {
        id: invitationId,
        acceptedAt: null,
        revokedAt: null,
        organizationId: actor.role === "partner" ? actor.organizationId : null,
      },
    });
    if (!invitation || (actor.role !== "partner" && actor.role !== "admin"))
      throw new AppError("NOT_FOUND", "That invitation was not found.");
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: now } });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "invitation.revoked",
      entityType: "Invitation",
      entityId: invitation.id,
      organizationId: invitation.organizationId,
      before: { email: invitation.email, role: invitation.role },
      at: now,
    });
  });
}
