import "server-only";
// The webhook server actions, shared by the admin and partner pages: each checks the role here and
// ownership in the domain function, so a partner's request for another organisation's id fails.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { redirect } from "next/navigation";
import { requireUser } from "../auth/current-user";
import { getDb } from "../db";
import type { Role } from "../generated/prisma/enums";
import { parseOrThrow } from "../validation";
import { getWebhookKey } from "../webhooks/keys";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  redeliverWebhook,
  rotateWebhookSecret,
  sendTestWebhook,
  setWebhookEndpointActive,
} from "../webhooks/service";
import { formValues, runAction, type ActionState } from "./action";
import { deliverWebhooksAfterResponse } from "./webhooks";

export type WebhookArea = {
  role: Extract<Role, "admin" | "partner">;
  basePath: "/admin/webhooks" | "/organisation/webhooks";
};

export async function createEndpoint(area: WebhookArea, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  return runAction(values, async () => {
    const actor = await requireUser([area.role]);
    const input = {
      url: values.url,
      description: values.description ?? "",
      events: formData.getAll("events").filter((v) => typeof v === "string"),
      appId: values.appId ?? null,
    };
    const { endpoint, secret } = await createWebhookEndpoint(getDb(), actor, input, {
      key: getWebhookKey(),
    });
    revalidatePath(area.basePath);
    return {
      status: "success",
      message: `Endpoint added: ${endpoint.url}`,
      data: { secret, endpointId: endpoint.id },
    };
  });
}

export async function rotateSecret(area: WebhookArea, endpointId: string): Promise<ActionState> {
  return runAction(undefined, async () => {
    const actor = await requireUser([area.role]);
    const { secret } = await rotateWebhookSecret(getDb(), actor, endpointId, {
      key: getWebhookKey(),
    });
    revalidatePath(`${area.basePath}/${endpointId}`);
    return {
      status: "success",
      message: "New secret created. The old one keeps signing for 24 hours.",
      data: { secret },
    };
  });
}

export async function setActive(
  area: WebhookArea,
  endpointId: string,
  active: boolean,
): Promise<ActionState> {
  return runAction(undefined, async () => {
    const actor = await requireUser([area.role]);
    await setWebhookEndpointActive(
      getDb(),
      actor,
      endpointId,
      parseOrThrow(z.boolean({ error: "Choose enable or disable." }), active),
    );
    if (active) deliverWebhooksAfterResponse();
    revalidatePath(area.basePath, "layout");
    return {
      status: "success",
      message: active
        ? "Endpoint enabled: held deliveries go out now."
        : "Endpoint disabled: deliveries are held until you enable it.",
    };
  });
}

export async function sendTest(area: WebhookArea, endpointId: string): Promise<ActionState> {
  return runAction(undefined, async () => {
    const actor = await requireUser([area.role]);
    await sendTestWebhook(getDb(), actor, endpointId);
    deliverWebhooksAfterResponse();
    revalidatePath(`${area.basePath}/${endpointId}`);
    return {
      status: "success",
      message: "Test event queued. Reload the log in a moment to see the response.",
    };
  });
}

export async function redeliver(
  area: WebhookArea,
  endpointId: string,
  deliveryId: string,
): Promise<ActionState> {
  return runAction(undefined, async () => {
    const actor = await requireUser([area.role]);
    await redeliverWebhook(getDb(), actor, deliveryId);
    deliverWebhooksAfterResponse();
    revalidatePath(`${area.basePath}/${endpointId}`);
    return { status: "success", message: "Queued again as a new delivery." };
  });
}

export async function deleteEndpoint(area: WebhookArea, endpointId: string): Promise<ActionState> {
  return runAction(undefined, async () => {
    const actor = await requireUser([area.role]);
    await deleteWebhookEndpoint(getDb(), actor, endpointId);
    revalidatePath(area.basePath);
    redirect(`${area.basePath}?deleted=1`);
  });
}
