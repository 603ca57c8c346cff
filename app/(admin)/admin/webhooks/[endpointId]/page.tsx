import type { Metadata } from "next";
import {
  WebhookEndpointPage,
  type WebhookEndpointPageProps,
} from "@/app/_components/webhook-endpoint-page";
import * as actions from "../actions";

export const metadata: Metadata = { title: "Webhook endpoint" };

export default function AdminWebhookEndpointPage(
  props: Pick<WebhookEndpointPageProps, "params" | "searchParams">,
) {
  return (
    <WebhookEndpointPage role="admin" basePath="/admin/webhooks" actions={actions} {...props} />
  );
}
