import type { AuditActor } from "../audit/service";
import { AppError } from "../errors";
import type { Role } from "../generated/prisma/enums";

/** The signed-in person every domain function receives, re-read from the database per request. */
export type Actor = {
  id: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string | null;
};

export function auditActorOf(actor: Actor): AuditActor {
  return { type: "user", id: actor.id, label: actor.email };
}

export function assertRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role))
    throw new AppError("FORBIDDEN", "Your role does not allow this.");
}

/** A partner may act only inside their own organisation; staff roles are checked separately. */
export function assertOwnOrganization(actor: Actor, organizationId: string): void {
  if (actor.role !== "partner" || actor.organizationId !== organizationId) {
    throw new AppError("NOT_FOUND", "That record was not found.");
  }
}
