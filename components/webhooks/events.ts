import type { WebhookEventType } from "@/lib/webhooks/outbox";

export const EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  "grant.approved": "A requested scope was granted.",
  "grant.denied": "A requested scope was denied.",
  "grant.revoked": "A live grant was revoked.",
  "app.suspended": "An app (or its whole organisation) was suspended.",
  "review.closed": "An access-review campaign closed.",
  "audit.checkpoint": "A signed checkpoint of the audit log (keep it to verify the log later).",
};
