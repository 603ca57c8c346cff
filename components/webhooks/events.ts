import type { WebhookEventType } from "@/lib/webhooks/outbox";

export const EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  "grant.approved": "A requested scope was granted.",
  "grant.denied": "A requested scope was denied.",
  "grant.revoked": "A live grant was revoked (also when it expired).",
  "grant.expiring": "A live grant expires in 30 or 7 days.",
  "grant.renewed": "A grant's expiry was moved on by a renewal.",
  "app.suspended": "An app (or its whole organisation) was suspended.",
  "app.key_problem": "A backend app's JWKS URL has a new key problem.",
  "review.closed": "An access-review campaign closed.",
  "audit.checkpoint": "A signed checkpoint of the audit log (keep it to verify the log later).",
};
