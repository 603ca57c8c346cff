import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { getDb } from "../db";
import { AppError } from "../errors";
import type { Role } from "../generated/prisma/enums";
import { checkSession, type SessionUser } from "../users/sessions";
import { getAuthOptions } from "./options";

export type CurrentUser = SessionUser;

/**
 * The signed-in user, once per request: the cookie names a server-side session, and the session
 * must still be live (not signed out or revoked, the account active, its role and organisation
 * unchanged since sign-in). lib/users/sessions.ts remembers a check for a few seconds.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  await connection(); // per request, never prerendered
  const session = await getServerSession(getAuthOptions());
  return checkSession(getDb(), session?.user?.sessionId);
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
