// Server-side sessions. The session cookie (a next-auth JWT) carries only the id of a UserSession
// row; every request checks the row, so signing out, "sign out everywhere", a password change or
// reset, a role change, removal from the organisation and disabling the account all end the
// session on the next request. A check is remembered for a few seconds per process, and every
// revocation made here forgets what this process remembered at once.
import { z } from "zod";
import type { Actor } from "../actor";
import { auditActorOf } from "../actor";
import { recordAudit } from "../audit/service";
import type { Db, Tx } from "../database/client";
import { AppError } from "../errors";
import type { OrgStatus, Role } from "../generated/prisma/enums";
import { parseOrThrow } from "../validation";

export const SESSION_MAX_AGE_MS = 8 * 60 * 60_000;
/** How long one process trusts a check it made (a revocation elsewhere takes at most this long). */
export const SESSION_CHECK_TTL_MS = 5_000;
/** lastSeenAt is written at most this often per session. */
const TOUCH_EVERY_MS = 60_000;

export type SessionUser = Actor & {
  sessionId: string;
  organization: { id: string; name: string; status: OrgStatus; statusReason: string | null } | null;
};

type Remembered = { userId: string | null; value: SessionUser | null; until: number };
const store = globalThis as unknown as { scopewardenSessionChecks?: Map<string, Remembered> };
const remembered = () => (store.scopewardenSessionChecks ??= new Map());

/**
 * Forgets this process's checks of the given session, of every session of the given user, or of
 * every session of the given organisation's members (its status and reason are part of a check).
 */
export function forgetSessionChecks(which: {
  sessionId?: string;
  userId?: string;
  organizationId?: string;
}): void {
  const map = remembered();
  if (which.sessionId) map.delete(which.sessionId);
  if (which.userId) for (const [id, r] of map) if (r.userId === which.userId) map.delete(id);
  if (which.organizationId)
    for (const [id, r] of map) if (r.value?.organizationId === which.organizationId) map.delete(id);
}

export async function startSession(
  tx: Tx,
  user: { id: string; role: Role; organizationId: string | null },
  ctx: { ip: string | null; userAgent?: string | null; now: Date },
): Promise<string> {
  const row = await tx.userSession.create({
    data: {
      userId: user.id,
      role: user.role,
      organizationId: user.organizationId,
      ip: ctx.ip,
      userAgent: ctx.userAgent?.slice(0, 400) ?? null,
      createdAt: ctx.now,
      lastSeenAt: ctx.now,
      expiresAt: new Date(ctx.now.getTime() + SESSION_MAX_AGE_MS),
    },
    select: { id: true },
  });
  return row.id;
}

const ZSessionId = z.uuid();

/** The live session's user, or null when the session has ended for any reason. */
export async function checkSession(
  db: Db,
  sessionId: string | null | undefined,
  now = new Date(),
): Promise<SessionUser | null> {
  if (!sessionId || !ZSessionId.safeParse(sessionId).success) return null;
  const map = remembered();
  const hit = map.get(sessionId);
  if (hit && hit.until > now.getTime()) return hit.value;
  const value = await readSession(db, sessionId, now);
  if (map.size > 10_000) map.clear();
  map.set(sessionId, {
    userId: value?.id ?? null,
    value,
    until: now.getTime() + SESSION_CHECK_TTL_MS,
  });
  return value;
}

async function readSession(db: Db, sessionId: string, now: Date): Promise<SessionUser | null> {
  const row = await db.userSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      role: true,
      organizationId: true,
      expiresAt: true,
      revokedAt: true,
      lastSeenAt: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          role: true,
          status: true,
          organizationId: true,
          organization: { select: { id: true, name: true, status: true, statusReason: true } },
        },
      },
    },
  });
  if (!row || row.revokedAt || row.expiresAt <= now) return null;
  const { user } = row;
  if (
    user.status !== "active" ||
    user.role !== row.role ||
    user.organizationId !== row.organizationId
  )
    return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.userSession.updateMany({
      where: { id: row.id, lastSeenAt: { lt: new Date(now.getTime() - TOUCH_EVERY_MS) } },
      data: { lastSeenAt: now },
    });
  }
  return {
    sessionId: row.id,
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organizationId: user.organizationId,
    organization: user.organization,
  };
}

/** Sign-out: ends one session (an unknown or ended id is a no-op). */
export async function endSession(db: Db | Tx, sessionId: string, now = new Date()): Promise<void> {
  if (!ZSessionId.safeParse(sessionId).success) return;
  await db.userSession.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: now },
  });
  forgetSessionChecks({ sessionId });
}

/**
 * Ends every session of a user (but `exceptSessionId`), inside the caller's transaction: used by
 * password changes and resets, removal from an organisation and "sign out everywhere".
 */
export async function endUserSessions(
  tx: Tx,
  userId: string,
  now: Date,
  exceptSessionId?: string,
): Promise<number> {
  const { count } = await tx.userSession.updateMany({
    where: {
      userId,
      revokedAt: null,
      ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}),
    },
    data: { revokedAt: now },
  });
  forgetSessionChecks({ userId });
  return count;
}

export const ZSignOutSession = z.object({ sessionId: z.uuid("That session was not found.") });

/** Ends one of the actor's own sessions, from the account page. */
export async function signOutSession(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZSignOutSession>,
  now = new Date(),
): Promise<void> {
  const { sessionId } = parseOrThrow(ZSignOutSession, raw);
  await db.$transaction(async (tx) => {
    const { count } = await tx.userSession.updateMany({
      where: { id: sessionId, userId: actor.id, revokedAt: null },
      data: { revokedAt: now },
    });
    if (count !== 1) throw new AppError("NOT_FOUND", "That session was not found.");
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "auth.session_ended",
      entityType: "User",
      entityId: actor.id,
      organizationId: actor.organizationId,
      after: { sessionId },
      at: now,
    });
  });
  forgetSessionChecks({ sessionId });
}

/** "Sign out everywhere": ends every session of the actor, this one included. */
export async function signOutEverywhere(db: Db, actor: Actor, now = new Date()): Promise<number> {
  return db.$transaction(async (tx) => {
    const count = await endUserSessions(tx, actor.id, now);
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "auth.signed_out_everywhere",
      entityType: "User",
      entityId: actor.id,
      organizationId: actor.organizationId,
      after: { sessions: count },
      at: now,
    });
    return count;
  });
}

/** The actor's live sessions, most recently seen first. */
export async function findUserSessions(db: Db, userId: string, now = new Date()) {
  return db.userSession.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, userAgent: true, ip: true, createdAt: true, lastSeenAt: true },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
    take: 100,
  });
}

/** Whether this account ever signed in from this address (a "known" address for throttling). */
export async function isKnownAddress(
  db: Db | Tx,
  userId: string,
  ip: string | null,
): Promise<boolean> {
  if (!ip) return false;
  return (await db.userSession.count({ where: { userId, ip }, take: 1 })) > 0;
}
