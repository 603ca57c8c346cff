// The web security headers every response carries: the front server sets them on every answer
// (its fast paths and the authorization server's pages included), and proxy.ts adds a page's
// Content-Security-Policy with a fresh nonce per request, which Next.js puts on its own scripts.

/** Headers for every response; HSTS only when the portal is served over https. */
export function baseSecurityHeaders(appUrl: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy":
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), interest-cohort=(), browsing-topics=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (appUrl?.startsWith("https:"))
    headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

/** For answers that are not pages (JSON, plain text): nothing may load or frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/**
 * Pages written without Next.js (the authorization server's, the unavailable page): inline
 * styles, no script but what oidc-provider allows by hash (it adds the hash of its form_post
 * script to script-src), and forms may post to an app's redirect URI.
 */
export const PLAIN_PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'";

/** A fresh nonce: 16 random bytes, base64. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The portal pages' policy: scripts only with this request's nonce (and what they load), styles
 * from the portal itself (inline style attributes are allowed: charts set them), no plugins, no
 * framing, forms only to the portal. Development adds what hot reloading needs.
 */
export function pageCsp(options: {
  nonce: string;
  isDev: boolean;
  isHttps: boolean;
  /**
   * False for the authorization server's sign-in and consent pages: their forms post to /oauth,
   * which redirects to the app's redirect URI, and browsers apply form-action to that redirect.
   */
  isFormOriginOnly?: boolean;
}): string {
  const { nonce, isDev, isHttps, isFormOriginOnly = true } = options;
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    // A nonce would disable 'unsafe-inline', which development's injected styles need.
    `style-src 'self' ${isDev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${isDev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    ...(isFormOriginOnly ? ["form-action 'self'"] : []),
    "frame-ancestors 'none'",
    ...(isHttps ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
