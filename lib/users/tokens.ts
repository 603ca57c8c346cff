// Single-use links mailed to an account's owner: e-mail verification and password reset. Only a
// SHA-256 of the token is stored; the mail that carries it keeps the link sealed until sent.
import { createHash, randomBytes } from "node:crypto";
import type { Tx } from "../database/client";
import type { UserTokenPurpose } from "../generated/prisma/enums";

export const TOKEN_LIFETIME_MS: Record<UserTokenPurpose, number> = {
  verify_email: 24 * 60 * 60_000,
  reset_password: 30 * 60_000,
};

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A new token for the user; earlier unused ones of the same purpose stop working. */
export async function issueUserToken(
  tx: Tx,
  userId: string,
  purpose: UserTokenPurpose,
  now: Date,
): Promise<string> {
  await tx.userToken.updateMany({
    where: { userId, purpose, usedAt: null },
    data: { usedAt: now },
  });
  const token = randomBytes(32).toString("base64url");
  await tx.userToken.create({
    data: {
      userId,
      purpose,
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]),
      createdAt: now,
    },
  });
  return token;
}

/** Uses the token up (once, even under concurrent calls); its user's id, or null. */
export async function consumeUserToken(
  tx: Tx,
  token: string,
  purpose: UserTokenPurpose,
  now: Date,
): Promise<string | null> {
  const row = await tx.userToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, purpose: true },
  });
  if (!row || row.purpose !== purpose) return null;
  const { count } = await tx.userToken.updateMany({
    where: { id: row.id, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return count === 1 ? row.userId : null;
}

/** Whether a token would still work, without using it (for the page that shows its form). */
export async function isUsableToken(
  tx: Tx,
  token: string,
  purpose: UserTokenPurpose,
  now = new Date(),
): Promise<boolean> {
  const row = await tx.userToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { purpose: true, usedAt: true, expiresAt: true },
  });
  return !!row && row.purpose === purpose && !row.usedAt && row.expiresAt > now;
}
