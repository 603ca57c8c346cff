import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import type { Actor } from "../actor";
import { getDb } from "../db";
import { AppError } from "../errors";
import type { OrgStatus, Role } from "../generated/prisma/enums";
import { getAuthOptions } from "./options";

export type CurrentUser = Actor & {
  organization: { id: string; name: string; status: OrgStatus; statusReason: string | null } | null;
};

/**
 * The signed-in user, read from the database once per request: a disabled or deleted account
 * loses access at once, whatever its session cookie still says.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  await connection(); // per request, never prerendered
  const session = await getServerSession(getAuthOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const user = await getDb().user.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      status: true,
      organizationId: true,
      organization: { select: { id: true, name: true, status: true, statusReason: true } },
    },
  });
  if (!user || user.status !== "active") return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organizationId: user.organizationId,
    organization: user.organization,
  };
});

export const homeFor = (role: Role) =>
  role === "admin" ? "/admin/approvals" : role === "reviewer" ? "/reviews" : "/apps";

/** For pages: no session → the sign-in page; the wrong role → 403. */
export async function requirePageUser(roles: Role[], callbackPath?: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user)
    redirect(
      callbackPath ? `/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}` : "/sign-in",
    );
  if (!roles.includes(user.role)) forbidden();
  return user;
}

/** For server actions and route handlers: expected errors the edge maps to a message or status. */
export async function requireUser(roles: Role[]): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHORIZED", "Your session has ended. Sign in again.");
  if (!roles.includes(user.role)) throw new AppError("FORBIDDEN", "Your role does not allow this.");
  return user;
}
