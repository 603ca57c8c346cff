// Optimistic routing only: visitors without a session cookie go to sign-in with a way back.
// Every page, action and route still checks the caller and their role on the server. Action calls
// from another origin or over the size limit are refused first (403, 413).
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { refuseActionCall } from "./lib/server/action-guard";

const PUBLIC_PATHS = [
  /^\/$/,
  /^\/sign-(in|up)(\/|$)/,
  /^\/invite\//,
  /^\/api\//,
  /^\/docs\/api(\/|$)/,
];

export async function proxy(request: NextRequest) {
  const refused = await refuseActionCall(request);
  if (refused) return refused;
  const { pathname, search } = request.nextUrl;
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
