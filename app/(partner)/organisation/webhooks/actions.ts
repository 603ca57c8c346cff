"use server";
import type { ActionState } from "@/lib/server/action";
import * as webhooks from "@/lib/server/webhook-actions";

const area: webhooks.WebhookArea = { role: "partner", basePath: "/organisation/webhooks" };

export async function createEndpointAction(_prev: ActionState, formData: FormData) {
  return webhooks.createEndpoint(area, formData);
}
export async function rotateSecretAction(endpointId: string) {
  return webhooks.rotateSecret(area, endpointId);
}
export async function setEndpointActiveAction(endpointId: string, active: boolean) {
  return webhooks.setActive(area, endpointId, active);
}
export async function sendTestEventAction(endpointId: string) {
  return webhooks.sendTest(area, endpointId);
}
export async function redeliverAction(endpointId: string, deliveryId: string) {
  return webhooks.redeliver(area, endpointId, deliveryId);
}
export async function deleteEndpointAction(endpointId: string) {
  return webhooks.deleteEndpoint(area, endpointId);
}
