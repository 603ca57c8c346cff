// Which handler serves a request, decided from its method and path alone (before any body is read).
import { isEnforcementPath } from "../enforcement/node-server";

export type Route =
  /** The enforcement API on plain node:http (lib/enforcement/node-server.ts). */
  | { to: "enforcement" }
  /** The embedded authorization server (oidc-provider). */
  | { to: "authorization-server" }
  /** A sign-in or consent page: Next.js renders it once the interaction cookie checks out. */
  | { to: "interaction-page"; uid: string }
  | { to: "next" };

const INTERACTION_PAGE = /^\/interaction\/([A-Za-z0-9_-]{1,64})$/;

export function routeOf(method: string, url: string, authMountPath: string | null): Route {
  const path = url.split("?")[0]!;
  if (isEnforcementPath(path)) return { to: "enforcement" };
  if (authMountPath && (path === authMountPath || path.startsWith(`${authMountPath}/`))) {
    const page = INTERACTION_PAGE.exec(path.slice(authMountPath.length));
    if (page && (method === "GET" || method === "HEAD"))
      return { to: "interaction-page", uid: page[1]! };
    return { to: "authorization-server" };
  }
  return { to: "next" };
}
