// Where to go after sign-in. The value is resolved the way a browser would resolve it
// (new URL(value, base): tabs and newlines dropped, backslashes read as slashes, "//host" as
// another host) and followed only when it stays on the portal's own origin.
const BASE = "https://portal.invalid";

/** Paths never followed after sign-in: APIs answer JSON, and the auth pages would loop. */
const REFUSED = [/^\/api(\/|$)/, /^\/sign-(in|up)(\/|$)/];

/** A same-origin path (with its query and fragment) to follow after sign-in, or null. */
export function safeCallbackPath(value: string | null | undefined): string | null {
  if (!value || value.length > 500) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The result is resolved again by the browser: it must stay a plain path on its own too.
  if (!path.startsWith("/") || path.startsWith("//") || path.includes("\\")) return null;
  if (REFUSED.some((re) => re.test(url.pathname))) return null;
  return path;
}
