/** Only same-site paths are followed after sign-in (no open redirects). */
export function safeCallbackPath(value: string | null | undefined): string | null {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\"))
    return null;
  if (value.startsWith("/api/") || value.startsWith("/sign-in") || value.startsWith("/sign-up"))
    return null;
  return value.slice(0, 500);
}
