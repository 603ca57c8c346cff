import "server-only";
// The webhook server actions, shared by the admin and partner pages: the area's client checks the
// role, the domain functions check ownership, so a partner's request for another organisation's
// endpoint fails.
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "../db";
import type { Role } from "../generated/prisma/enums";
import { getWebhookKey } from "../webhooks/keys";
import { ZCreateEndpoint, ZDeliveryId, ZEndpointId } from "../webhooks/schemas";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  redeliverWebhook,
  rotateWebhookSecret,
  sendTestWebhook,
  setWebhookEndpointActive,
} from "../webhooks/service";
import { actionClient } from "./action-client";

export type WebhookArea = {
  role: Extract<Role, "admin" | "partner">;
  basePath: "/admin/webhooks" | "/organisation/webhooks";
};

const ZEndpointRef = z.object({ endpointId: ZEndpointId });

export function webhookActions({ role, basePath }: WebhookArea) {
  const action = actionClient(role);
  return {
    createEndpoint: action(ZCreateEndpoint, async ({ user, input, revalidate }) => {
      const { endpoint, secret } = await createWebhookEndpoint(getDb(), user, input, {
        key: getWebhookKey(),
      });
      revalidate(basePath);
      return {
        message: `Endpoint added: ${endpoint.url}`,
        data: { secret, endpointId: endpoint.id },
      };
    }),

    rotateSecret: action(ZEndpointRef, async ({ user, input, revalidate }) => {
      const { secret } = await rotateWebhookSecret(getDb(), user, input.endpointId, {
        key: getWebhookKey(),
      });
      revalidate(basePath, "layout");
      return {
        message: "New secret created. The old one keeps signing for 24 hours.",
        data: { secret },
      };
    }),

    setActive: action(
      ZEndpointRef.extend({ active: z.boolean({ error: "Choose enable or disable." }) }),
      async ({ user, input, revalidate }) => {
        await setWebhookEndpointActive(getDb(), user, input.endpointId, input.active);
        revalidate(basePath, "layout");
        return {
          message: input.active
            ? "Endpoint enabled: held deliveries go out now."
            : "Endpoint disabled: deliveries are held until you enable it.",
        };
      },
    ),

    sendTest: action(ZEndpointRef, async ({ user, input, revalidate }) => {
      await sendTestWebhook(getDb(), user, input.endpointId);
      revalidate(basePath, "layout");
      return { message: "Test event queued. Reload the log in a moment to see the response." };
    }),

    redeliver: action(
      z.object({ deliveryId: ZDeliveryId }),
      async ({ user, input, revalidate }) => {
        await redeliverWebhook(getDb(), user, input.deliveryId);
        revalidate(basePath, "layout");
        return { message: "Queued again as a new delivery." };
      },
    ),

    deleteEndpoint: action(ZEndpointRef, async ({ user, input, revalidate }) => {
      await deleteWebhookEndpoint(getDb(), user, input.endpointId);
      revalidate(basePath);
      redirect(`${basePath}?deleted=1`);
    }),
  };
}

export type WebhookActions = ReturnType<typeof webhookActions>;
