// Dates and times as people read them in the portal (UTC, so every viewer sees the same).
const dateTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});
const dateOnly = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export const formatDateTime = (d: Date | string | null | undefined) =>
  d ? `${dateTime.format(new Date(d))} UTC` : "—";
export const formatDate = (d: Date | string | null | undefined) =>
  d ? dateOnly.format(new Date(d)) : "—";

/** "3 days", "5 hours", "12 minutes": how long something has been waiting. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"}`;
  const days = Math.floor(hours / 24);
  return `${days} day${days === 1 ? "" : "s"}`;
}

/** A count as a footer shows it: exact, or rounded with "about" when it is an estimate. */
export function formatCount(n: number, isEstimate = false): string {
  if (!isEstimate) return n.toLocaleString("en");
  if (n >= 1_000_000) return `about ${(n / 1_000_000).toFixed(n >= 10_000_000 ? 0 : 1)} M`;
  if (n >= 1_000) return `about ${Math.round(n / 1_000).toLocaleString("en")} K`;
  return `about ${n.toLocaleString("en")}`;
}

const DUE_DATE = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** A due date as people read it, "Tue 8 Dec 2026", in UTC like the business-day calendar. */
export const formatDueDate = (d: Date) => DUE_DATE.format(d).replace(",", "");
