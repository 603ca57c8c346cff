// How often an administrator's notifications also arrive by e-mail (lib/notifications/digest.ts).
import { z } from "zod";
import { assertRole, auditActorOf, type Actor } from "../actor";
import { recordAudit } from "../audit/service";
import type { Db } from "../database/client";
import { parseOrThrow } from "../validation";

export const DIGEST_FREQUENCIES = ["immediately", "daily", "off"] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

export const ZDigestPreference = z.object({
  frequency: z.enum(DIGEST_FREQUENCIES, { error: "Choose immediately, daily or off." }),
});

export async function getDigestFrequency(db: Db, actor: Actor): Promise<DigestFrequency> {
  assertRole(actor, "admin");
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { digestFrequency: true },
  });
  return user.digestFrequency;
}

export async function setDigestFrequency(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZDigestPreference>,
  now = new Date(),
): Promise<DigestFrequency> {
  assertRole(actor, "admin");
  const { frequency } = parseOrThrow(ZDigestPreference, raw);
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: actor.id },
      select: { digestFrequency: true },
    });
    if (before.digestFrequency === frequency) return frequency;
    await tx.user.update({ where: { id: actor.id }, data: { digestFrequency: frequency } });
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "user.digest_changed",
      entityType: "User",
      entityId: actor.id,
      before: { digestFrequency: before.digestFrequency },
      after: { digestFrequency: frequency },
      at: now,
    });
    return frequency;
  });
}
