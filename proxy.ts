// Optimistic routing only: visitors without a session cookie go to sign-in with a way back.
// Every page, action and route still checks the caller and their role on the server.
// Action calls from another origin or over the size limit are refused first (403, 413).
// While the database is unreachable, requests that need it get the 503 answer here, before a page
// starts rendering (once it has, Next.js can no longer change the status).
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { apiError } from "@/lib/http/result";
import { toResponse } from "@/lib/http/route";
import { getAvailability, unavailableAnswerFor } from "@/lib/runtime/availability";
import { refuseActionCall } from "@/lib/server/action-guard";

const PUBLIC_PATHS = [
  /^\/$/,
  /^\/sign-(in|up)(\/|$)/,
  /^\/invite\//,
  /^\/api\//,
  /^\/docs\/api(\/|$)/,
  // The authorization server's pages are for patients and clinicians, not portal accounts.
  /^\/oauth\//,
];

/** False for a path that is not valid percent-encoded UTF-8, which no route can match. */
function isDecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export async function proxy(request: NextRequest) {
  const refused = await refuseActionCall(request);
  if (refused) return refused;
  const { pathname, search } = request.nextUrl;
  // Next.js answers such a path with a 500 when it decodes a dynamic segment (e.g. a client id).
  if (!isDecodable(pathname)) {
    if (pathname.startsWith("/api/")) return toResponse(apiError("NOT_FOUND", "No such resource."));
    return new NextResponse("Not found.\n", {
      status: 404,
      headers: { "Content-Type": "text/plain" },
    });
  }
  const unavailable = unavailableAnswerFor(
    getAvailability(),
    pathname,
    request.headers.has("next-action"),
  );
  if (unavailable) {
    return new NextResponse(request.method === "HEAD" ? null : unavailable.body, {
      status: unavailable.status,
      headers: unavailable.headers,
    });
  }
  if (PUBLIC_PATHS.some((re) => re.test(pathname))) return NextResponse.next();
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const url = new URL("/sign-in", request.url);
  url.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|txt)$).*)"],
};
