"use server";
import { webhookActions } from "@/lib/server/webhook-actions";

const actions = webhookActions({ role: "admin", basePath: "/admin/webhooks" });

export const createEndpointAction = actions.createEndpoint;
export const rotateSecretAction = actions.rotateSecret;
export const setEndpointActiveAction = actions.setActive;
export const sendTestEventAction = actions.sendTest;
export const redeliverAction = actions.redeliver;
export const deleteEndpointAction = actions.deleteEndpoint;
