// Who is acting: the signed-in person every domain function receives, and the checks on them.
// It sits below every domain folder (the audit log reads it too), so it imports only errors.
import { AppError } from "./errors";
import type { Role } from "./generated/prisma/enums";

/** The signed-in person every domain function receives, re-read from the database per request. */
export type Actor = {
  id: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string | null;
};

/** The person as the audit log names them (the "user" kind of lib/audit's AuditActor). */
export function auditActorOf(actor: Actor): { type: "user"; id: string; label: string } {
  return { type: "user", id: actor.id, label: actor.email };
}

export function assertRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role))
    throw new AppError("FORBIDDEN", "Your role does not allow this.");
}
