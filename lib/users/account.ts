// What a signed-in person does to their own account: change the password.
import type { z } from "zod";
import { auditActorOf, type Actor } from "../actor";
import { recordAudit } from "../audit/service";
import type { Db } from "../database/client";
import { AppError } from "../errors";
import { parseOrThrow } from "../validation";
import { hashPassword, verifyPassword } from "./password";
import { newPasswordIssues, ZChangePassword } from "./schemas";
import { endUserSessions } from "./sessions";

/**
 * Changes the password after checking the current one, and ends every other session of the
 * account (the one making the change stays signed in).
 */
export async function changePassword(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZChangePassword>,
  ctx: { sessionId: string; ip: string | null; now?: Date },
): Promise<{ endedSessions: number }> {
  const input = parseOrThrow(ZChangePassword, raw);
  const now = ctx.now ?? new Date();
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.id },
    omit: { passwordHash: false },
  });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword)))
    throw new AppError("INVALID_INPUT", "Check the form.", {
      currentPassword: ["That is not your current password."],
    });
  const issues = newPasswordIssues(input.newPassword, user);
  if (issues) throw new AppError("INVALID_INPUT", "Check the form.", issues);
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    const endedSessions = await endUserSessions(tx, user.id, now, ctx.sessionId);
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "user.password_changed",
      entityType: "User",
      entityId: user.id,
      organizationId: user.organizationId,
      after: { endedSessions },
      ip: ctx.ip,
      at: now,
    });
    return { endedSessions };
  });
}
