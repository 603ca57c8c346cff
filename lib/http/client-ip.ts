/**
 * The client's address for throttling: the first X-Forwarded-For hop (set by the load balancer
 * or by Next's own server), else X-Real-IP.
 */
export function ipFromHeaders(get: (name: string) => string | null | undefined): string | null {
  const forwarded = get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || get("x-real-ip")?.trim() || null;
  return ip ? ip.slice(0, 64) : null;
}
