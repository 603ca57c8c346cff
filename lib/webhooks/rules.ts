// Who may see and change a webhook endpoint. Pure.
import type { Actor } from "../actor";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./outbox";

/** These concern the whole portal: they go to admins' endpoints only. */
export const PORTAL_ONLY_EVENTS: readonly WebhookEventType[] = [
  "review.closed",
  "audit.checkpoint",
];

/** Offered but not ticked by default: only a receiver that keeps audit copies wants these. */
export const OPT_IN_EVENTS: readonly WebhookEventType[] = ["audit.checkpoint"];

export function subscribableEvents(role: Actor["role"]): WebhookEventType[] {
  return WEBHOOK_EVENT_TYPES.filter(
    (type) => role === "admin" || !PORTAL_ONLY_EVENTS.includes(type),
  );
}

/** Admins manage every endpoint; a partner only their own organisation's. */
export function canManageEndpoint(
  actor: Pick<Actor, "role" | "organizationId">,
  endpoint: { organizationId: string | null },
): boolean {
  if (actor.role === "admin") return true;
  return (
    actor.role === "partner" &&
    actor.organizationId !== null &&
    endpoint.organizationId === actor.organizationId
  );
}

/** How long the secret before a rotation keeps signing deliveries alongside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

export type EndpointHealth = "healthy" | "failing" | "idle" | "disabled";

/** One word for the list: the last 24 hours' deliveries decide. */
export function endpointHealth(input: {
  active: boolean;
  succeeded: number;
  failed: number;
  retrying: number;
}): EndpointHealth {
  if (!input.active) return "disabled";
  if (input.failed > 0 || input.retrying > 0) return "failing";
  return input.succeeded > 0 ? "healthy" : "idle";
}
