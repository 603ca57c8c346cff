// Admins define review schedules: how often, over which grants, who reviews, and the deadlines.
import { assertRole, auditActorOf, type Actor } from "../actor";
import type { z } from "zod";
import type { Db, Tx } from "../database/client";
import { recordAudit } from "../audit/service";
import { AppError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { parseOrThrow } from "../validation";
import { nextRunAfter } from "./rules";
import { ZSchedule, ZScheduleRef, ZUpdateSchedule, type TSchedule } from "./schemas";

async function checkReferences(tx: Tx, input: TSchedule) {
  const reviewerIds = [
    ...new Set([...input.reviewerIds, ...Object.values(input.partnerReviewers)]),
  ];
  const found = await tx.user.count({
    where: { id: { in: reviewerIds }, role: "reviewer", status: "active" },
  });
  if (found !== reviewerIds.length)
    throw new AppError("INVALID_INPUT", "Choose active reviewers only.", {
      reviewerIds: ["Choose active reviewers only."],
    });
  const orgIds = [
    ...new Set([
      ...(input.organizationId ? [input.organizationId] : []),
      ...Object.keys(input.partnerReviewers),
    ]),
  ];
  if ((await tx.organization.count({ where: { id: { in: orgIds } } })) !== orgIds.length) {
    throw new AppError("INVALID_INPUT", "That partner was not found.", {
      organizationId: ["That partner was not found."],
    });
  }
}

const dataOf = (input: TSchedule) => ({
  name: input.name,
  cadence: input.cadence,
  scopeFilter: input.scopeFilter,
  organizationId: input.scopeFilter === "organization" ? input.organizationId : null,
  assignment: input.assignment,
  reviewerIds: input.reviewerIds,
  partnerReviewers: (input.assignment === "by_partner"
    ? input.partnerReviewers
    : {}) as Prisma.InputJsonValue,
  dueInDays: input.dueInDays,
  reminderDaysBefore: input.reminderDaysBefore,
  closeAction: input.closeAction,
  active: input.active,
});

/** A new schedule runs first at the start of its next period (open one now by hand if needed sooner). */
export async function createSchedule(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZSchedule>,
  ctx: { now?: Date } = {},
) {
  assertRole(actor, "admin");
  const input = parseOrThrow(ZSchedule, raw);
  const now = ctx.now ?? new Date();
  return db.$transaction(async (tx) => {
    await checkReferences(tx, input);
    const row = await tx.reviewSchedule.create({
      data: {
        ...dataOf(input),
        nextRunAt: nextRunAfter(input.cadence, now),
        createdById: actor.id,
      },
    });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "review.schedule_created",
      entityType: "ReviewSchedule",
      entityId: row.id,
      after: dataOf(input),
      at: now,
    });
    return row;
  });
}

export async function updateSchedule(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZUpdateSchedule>,
  ctx: { now?: Date } = {},
) {
  assertRole(actor, "admin");
  const { scheduleId, schedule: input } = parseOrThrow(ZUpdateSchedule, raw);
  const now = ctx.now ?? new Date();
  return db.$transaction(async (tx) => {
    const before = await tx.reviewSchedule.findUnique({ where: { id: scheduleId } });
    if (!before) throw new AppError("NOT_FOUND", "That schedule was not found.");
    await checkReferences(tx, input);
    // A new rhythm starts with the next period of that rhythm; an unchanged one keeps its date.
    const nextRunAt =
      before.cadence === input.cadence ? before.nextRunAt : nextRunAfter(input.cadence, now);
    const row = await tx.reviewSchedule.update({
      where: { id: scheduleId },
      data: { ...dataOf(input), nextRunAt },
    });
    const { createdAt: _c, updatedAt: _u, ...beforeFields } = before;
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "review.schedule_updated",
      entityType: "ReviewSchedule",
      entityId: row.id,
      before: beforeFields,
      after: dataOf(input),
      at: now,
    });
    return row;
  });
}

/** Removes a schedule with no campaigns; one with history can only be paused (its evidence stays). */
export async function deleteSchedule(db: Db, actor: Actor, raw: z.input<typeof ZScheduleRef>) {
  assertRole(actor, "admin");
  const { scheduleId } = parseOrThrow(ZScheduleRef, raw);
  return db.$transaction(async (tx) => {
    const row = await tx.reviewSchedule.findUnique({
      where: { id: scheduleId },
      include: { _count: { select: { campaigns: true } } },
    });
    if (!row) throw new AppError("NOT_FOUND", "That schedule was not found.");
    if (row._count.campaigns > 0)
      throw new AppError(
        "CONFLICT",
        "This schedule has campaigns on record; pause it instead so their evidence keeps its source.",
      );
    await tx.reviewSchedule.delete({ where: { id: scheduleId } });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "review.schedule_deleted",
      entityType: "ReviewSchedule",
      entityId: scheduleId,
      before: { name: row.name },
    });
  });
}
