// Pure rules about accounts: password strength and how sign-in failures slow an address down.

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

export const THROTTLE = {
  /** Failures allowed within the window before the address is slowed down. */
  freeFailures: 5,
  windowMs: 15 * 60_000,
  firstBlockMs: 30_000,
  maxBlockMs: 15 * 60_000,
};

/** After `failures` failures in the window, how long the key must wait before the next try. */
export function blockDurationMs(failures: number): number {
  if (failures < THROTTLE.freeFailures) return 0;
  const doublings = Math.min(failures - THROTTLE.freeFailures, 10);
  return Math.min(THROTTLE.firstBlockMs * 2 ** doublings, THROTTLE.maxBlockMs);
}
