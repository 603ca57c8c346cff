// Optimistic routing only: visitors without a session cookie go to sign-in with a way back.
// Every page, action and route still checks the caller and their role on the server.
// While the database is unreachable, requests that need it get the 503 answer here, before a page
// starts rendering (once it has, Next.js can no longer change the status).
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { getAvailability, unavailableAnswerFor } from "./lib/runtime/availability";

const PUBLIC_PATHS = [
  /^\/$/,
  /^\/sign-(in|up)(\/|$)/,
  /^\/invite\//,
  /^\/api\//,
  /^\/docs\/api(\/|$)/,
  // The authorization server's pages are for patients and clinicians, not portal accounts.
  /^\/oauth\//,
];

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
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
