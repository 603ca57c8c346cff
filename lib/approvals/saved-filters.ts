// Saved approval-queue filters: each admin names query strings of the queue by app to come back to.
// A few are offered to everyone ("my critical", "payer-to-payer", "overdue").
import type { z } from "zod";
import { assertRole, type Actor } from "../actor";
import type { Db } from "../database/client";
import { AppError, isUniqueViolation } from "../errors";
import { parseOrThrow } from "../validation";
import { ZDeleteQueueFilter, ZSaveQueueFilter } from "./schemas";

export type QueueFilterLink = { id: string | null; name: string; query: string };

export const PRESET_QUEUE_FILTERS: readonly QueueFilterLink[] = [
  { id: null, name: "My critical", query: "assignee=me&risk=critical" },
  { id: null, name: "Payer-to-payer", query: "template=payer-to-payer" },
  { id: null, name: "Overdue", query: "due=overdue" },
];

export const MAX_SAVED_FILTERS = 20;

export async function findQueueFilters(db: Db, actor: Actor): Promise<QueueFilterLink[]> {
  assertRole(actor, "admin");
  const saved = await db.savedQueueFilter.findMany({
    where: { userId: actor.id },
    orderBy: { name: "asc" },
    select: { id: true, name: true, query: true },
  });
  return [...PRESET_QUEUE_FILTERS, ...saved];
}

export async function saveQueueFilter(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZSaveQueueFilter>,
): Promise<QueueFilterLink> {
  assertRole(actor, "admin");
  const input = parseOrThrow(ZSaveQueueFilter, raw);
  // Paging and cursors are where the admin was, not what they filter by.
  const params = new URLSearchParams(input.query);
  for (const k of ["page", "cursor"]) params.delete(k);
  return db.$transaction(async (tx) => {
    const count = await tx.savedQueueFilter.count({ where: { userId: actor.id } });
    if (count >= MAX_SAVED_FILTERS)
      throw new AppError(
        "CONFLICT",
        `You have ${MAX_SAVED_FILTERS} saved filters; delete one first.`,
      );
    try {
      return await tx.savedQueueFilter.create({
        data: { userId: actor.id, name: input.name, query: params.toString() },
        select: { id: true, name: true, query: true },
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError("CONFLICT", `You already have a filter named "${input.name}".`, {
          name: ["Choose another name."],
        });
      throw error;
    }
  });
}

export async function deleteQueueFilter(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZDeleteQueueFilter>,
): Promise<void> {
  assertRole(actor, "admin");
  const input = parseOrThrow(ZDeleteQueueFilter, raw);
  const { count } = await db.savedQueueFilter.deleteMany({
    where: { id: input.id, userId: actor.id },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "That saved filter was not found.");
}
