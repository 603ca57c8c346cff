import { describe, expect, it } from "vitest";
import { expiryReminderDue } from "./expiry";

const now = new Date("2026-06-01T00:00:00Z");
const inDays = (n: number) => new Date(now.getTime() + n * 86_400_000);

describe("expiry reminders", () => {
  it("are due at 30 days, then at 7, each once", () => {
    expect(expiryReminderDue(inDays(31), now, null)).toBeNull();
    expect(expiryReminderDue(inDays(30), now, null)).toBe(30);
    expect(expiryReminderDue(inDays(20), now, 30)).toBeNull();
    expect(expiryReminderDue(inDays(7), now, 30)).toBe(7);
    expect(expiryReminderDue(inDays(3), now, 7)).toBeNull();
    // Granted with less than 7 days left: only the 7-day reminder.
    expect(expiryReminderDue(inDays(5), now, null)).toBe(7);
    expect(expiryReminderDue(inDays(-1), now, null)).toBeNull();
  });
});
