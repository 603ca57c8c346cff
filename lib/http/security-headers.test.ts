import { describe, expect, it } from "vitest";
import { baseSecurityHeaders, createNonce, pageCsp } from "./security-headers";

describe("security headers", () => {
  it("adds HSTS only when the portal is served over https", () => {
    expect(baseSecurityHeaders("https://portal.example")["Strict-Transport-Security"]).toMatch(
      /max-age=\d+/,
    );
    expect(
      baseSecurityHeaders("http://localhost:3000")["Strict-Transport-Security"],
    ).toBeUndefined();
    expect(baseSecurityHeaders(undefined)).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
  });

  it("gives pages a nonce policy without eval in production, and never lets them be framed", () => {
    const nonce = createNonce();
    expect(nonce).not.toBe(createNonce());
    const csp = pageCsp({ nonce, isDev: false, isHttps: true });
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("upgrade-insecure-requests");
    expect(pageCsp({ nonce, isDev: false, isHttps: false })).not.toContain("upgrade-insecure");
    expect(csp).toContain("form-action 'self'");
    // The authorization server's pages post to /oauth, which redirects to the app.
    expect(pageCsp({ nonce, isDev: false, isHttps: false, isFormOriginOnly: false })).not.toContain(
      "form-action",
    );
  });
});
