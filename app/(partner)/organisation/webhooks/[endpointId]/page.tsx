import type { Metadata } from "next";
import {
  WebhookEndpointPage,
  type WebhookEndpointPageProps,
} from "@/app/_components/webhook-endpoint-page";
import * as actions from "../actions";

export const metadata: Metadata = { title: "Webhook endpoint" };

export default function PartnerWebhookEndpointPage(
  props: Pick<WebhookEndpointPageProps, "params" | "searchParams">,
) {
  return (
    <WebhookEndpointPage
      role="partner"
      basePath="/organisation/webhooks"
      actions={actions}
      {...props}
    />
  );
}
