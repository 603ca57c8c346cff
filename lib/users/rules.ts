// Pure rules about accounts: password strength, how sign-in failures slow attempts down, devices.

const common = new Set([
  "password",
  "password1",
  "password123",
  "passw0rd",
  "qwerty",
  "qwertyuiop",
  "letmein",
  "welcome",
  "iloveyou",
  "admin",
  "administrator",
  "changeme",
  "123456",
  "12345678",
  "123456789",
  "1234567890",
  "abc123",
  "football",
  "monkey",
  "dragon",
  "sunshine",
  "princess",
  "trustno1",
  "healthcare",
]);

/** Null when acceptable, else one sentence saying what to change. */
export function passwordProblem(
  password: string,
  context: { email?: string; name?: string } = {},
): string | null {
  if (password.length < 12) return "Use at least 12 characters.";
  if (password.length > 128) return "Use at most 128 characters.";
  if (/^(.)\1+$/.test(password)) return "Do not repeat a single character.";
  const lower = password.toLowerCase();
  const stripped = lower.replace(/[^a-z]/g, "");
  if (common.has(lower) || common.has(stripped))
    return "That password is too common; choose another.";
  const local = context.email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local))
    return "Do not include your e-mail address in the password.";
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) =>
    re.test(password),
  ).length;
  if (kinds < 2) return "Mix at least two of: lower-case letters, capitals, digits, symbols.";
  return null;
}

/**
 * Sign-in throttling (docs/security.md). Three counters, each with growing delays once its free
 * failures are used up:
 * - per address: every failure from it, whatever account; a success never clears it, so an
 *   attacker's own account buys no extra guesses;
 * - per account and address: cleared by a success of that account from that address only;
 * - per account: only failures from addresses that never signed in to the account, and its delay
 *   applies only to such addresses, so an attacker cannot lock the owner out of a known address.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  firstBlockMs: 30_000,
  maxBlockMs: 15 * 60_000,
  freeFailures: { address: 20, accountAddress: 5, account: 10 },
};

/** After `failures` failures in the window, how long the key must wait before the next try. */
export function blockDurationMs(failures: number, freeFailures: number): number {
  if (failures < freeFailures) return 0;
  const doublings = Math.min(failures - freeFailures, 10);
  return Math.min(THROTTLE.firstBlockMs * 2 ** doublings, THROTTLE.maxBlockMs);
}

/** "Firefox on Linux": a device as a person recognises it, from its User-Agent header. */
export function describeDevice(userAgent: string | null | undefined): string {
  if (!userAgent) return "Unknown device";
  const ua = userAgent;
  const browser = /Edg(e|A|iOS)?\//.test(ua)
    ? "Edge"
    : /OPR\/|Opera/.test(ua)
      ? "Opera"
      : /Firefox\/|FxiOS\//.test(ua)
        ? "Firefox"
        : /Chrome\/|CriOS\/|Chromium\//.test(ua)
          ? "Chrome"
          : /Safari\//.test(ua)
            ? "Safari"
            : /curl\//i.test(ua)
              ? "curl"
              : null;
  const os = /iPhone|iPad|iPod/.test(ua)
    ? "iOS"
    : /Android/.test(ua)
      ? "Android"
      : /Windows/.test(ua)
        ? "Windows"
        : /Mac OS X|Macintosh/.test(ua)
          ? "macOS"
          : /CrOS/.test(ua)
            ? "ChromeOS"
            : /Linux/.test(ua)
              ? "Linux"
              : null;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? "Unknown device";
}
