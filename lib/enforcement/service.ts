// Admin use cases on gateway credentials: issue a key (shown once), revoke it.
import { assertRole, auditActorOf, type Actor } from "../actor";
import type { z } from "zod";
import type { Db } from "../database/client";
import { recordAudit } from "../audit/service";
import { AppError } from "../errors";
import { parseOrThrow } from "../validation";
import { newApiKey } from "./api-keys";
import { ZApiKeyId, ZCreateApiKey } from "./schemas";

export async function createApiKey(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZCreateApiKey>,
  now = new Date(),
): Promise<{ id: string; name: string; key: string }> {
  assertRole(actor, "admin");
  const input = parseOrThrow(ZCreateApiKey, raw);
  const { key, prefix, keyHash } = newApiKey();
  return db.$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: { name: input.name, prefix, keyHash, createdById: actor.id, createdAt: now },
      select: { id: true, name: true },
    });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "api_key.created",
      entityType: "ApiKey",
      entityId: row.id,
      after: { name: row.name, prefix },
      at: now,
    });
    return { id: row.id, name: row.name, key };
  });
}

/** Revokes at once in the database; every instance refuses the key within a second. */
export async function revokeApiKey(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZApiKeyId>,
  now = new Date(),
): Promise<void> {
  assertRole(actor, "admin");
  const { id } = parseOrThrow(ZApiKeyId, raw);
  await db.$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({
      where: { id },
      select: { id: true, name: true, prefix: true },
    });
    if (!key) throw new AppError("NOT_FOUND", "That key was not found.");
    const revoked = await tx.apiKey.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: now },
    });
    if (revoked.count === 0) throw new AppError("CONFLICT", "That key is already revoked.");
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "api_key.revoked",
      entityType: "ApiKey",
      entityId: id,
      before: { name: key.name, prefix: key.prefix },
      after: { revokedAt: now },
      at: now,
    });
  });
}
