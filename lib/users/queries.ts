// Reads of people: a partner's members, staff, open invitations, and names for history lines.
import type { Db } from "../database/client";

/** A partner organisation's active members, by name. */
export async function findOrganizationMembers(db: Db, organizationId: string) {
  return db.user.findMany({
    where: { organizationId, status: "active" },
    select: { id: true, name: true, email: true, lastSignInAt: true, createdAt: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

/** Admins and reviewers, admins first. */
export async function findStaff(db: Db) {
  return db.user.findMany({
    where: { role: { in: ["admin", "reviewer"] } },
    select: { id: true, name: true, email: true, role: true, status: true, lastSignInAt: true },
    orderBy: [{ role: "asc" }, { name: "asc" }, { id: "asc" }],
  });
}

/** Active reviewers, for assigning review work. */
export async function findActiveReviewers(db: Db) {
  return db.user.findMany({
    where: { role: "reviewer", status: "active" },
    select: { id: true, name: true, email: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

/** Invitations still open: to a partner organisation, or (null) to the staff. Newest first. */
export async function findOpenInvitations(db: Db, organizationId: string | null, now = new Date()) {
  return db.invitation.findMany({
    where: { organizationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, email: true, role: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
}

/** Who the given users are (name and role), for "by …" in histories; unknown ids are left out. */
export async function findPeopleByIds(db: Db, ids: Iterable<string | null | undefined>) {
  const wanted = [...new Set([...ids].filter((id): id is string => Boolean(id)))];
  const people = wanted.length
    ? await db.user.findMany({
        where: { id: { in: wanted } },
        select: { id: true, name: true, role: true },
      })
    : [];
  return new Map(people.map((p) => [p.id, p]));
}
