// Optimistic routing only: visitors without a session cookie go to sign-in with a way back.
// Every page, action and route still checks the caller and their role on the server.
// Action calls from another origin or over the size limit are refused first (403, 413).
// While the database is unreachable, requests that need it get the 503 answer here, before a page
// starts rendering (once it has, Next.js can no longer change the status).
// Every answer gets the security headers, pages a Content-Security-Policy with a fresh nonce: the
// request carries the policy on to Next.js, which puts the nonce on its own scripts.
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { apiError } from "@/lib/http/result";
import { toResponse } from "@/lib/http/route";
import { getAvailability, unavailableAnswerFor } from "@/lib/runtime/availability";
import { refuseActionCall } from "@/lib/server/action-guard";
import { baseSecurityHeaders, createNonce, pageCsp } from "@/lib/http/security-headers";

const PUBLIC_PATHS = [
  /^\/$/,
  /^\/sign-(in|up)(\/|$)/,
  /^\/invite\//,
  /^\/(verify-email|reset-password)\//,
  /^\/forgot-password$/,
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

function withSecurityHeaders(response: Response, csp: string): Response {
  for (const [name, value] of Object.entries(baseSecurityHeaders(process.env.APP_URL)))
    response.headers.set(name, value);
  // An answer with a policy of its own (the unavailable page's inline styles) keeps it.
  if (!response.headers.has("Content-Security-Policy"))
    response.headers.set("Content-Security-Policy", csp);
  return response;
}

export async function proxy(request: NextRequest) {
  const appUrl = process.env.APP_URL;
  const csp = pageCsp({
    nonce: createNonce(),
    isDev: process.env.NODE_ENV === "development",
    isHttps: !!appUrl?.startsWith("https:"),
    isFormOriginOnly: !request.nextUrl.pathname.startsWith("/oauth/"),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = await route(request, requestHeaders);
  return withSecurityHeaders(response, csp);
}

async function route(request: NextRequest, requestHeaders: Headers): Promise<Response> {
  const next = () => NextResponse.next({ request: { headers: requestHeaders } });
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
  if (PUBLIC_PATHS.some((re) => re.test(pathname))) return next();
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return next();
  const url = new URL("/sign-in", request.url);
  url.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|txt)$).*)"],
};
