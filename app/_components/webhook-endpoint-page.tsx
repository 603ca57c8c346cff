// The page of one webhook endpoint, shared by admins (/admin/webhooks) and partners
// (/organisation/webhooks): the same guard, lookup (ownership checked in getEndpointFor) and layout.
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { ButtonLink } from "@/components/ui/button";
import { EndpointDetail } from "@/components/webhooks/endpoint-detail";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import type { WebhookActions } from "@/lib/server/webhook-actions";
import { createSerializer, type SearchParams } from "nuqs/server";
import { deliveryLogUrl } from "@/components/webhooks/search-params";
import { findDeliveries, getEndpointFor } from "@/lib/webhooks/queries";

type EndpointActions = {
  sendTestEventAction: WebhookActions["sendTest"];
  rotateSecretAction: WebhookActions["rotateSecret"];
  setEndpointActiveAction: WebhookActions["setActive"];
  deleteEndpointAction: WebhookActions["deleteEndpoint"];
  redeliverAction: WebhookActions["redeliver"];
};

export type WebhookEndpointPageProps = {
  role: "admin" | "partner";
  basePath: "/admin/webhooks" | "/organisation/webhooks";
  actions: EndpointActions;
  params: Promise<{ endpointId: string }>;
  searchParams: Promise<SearchParams>;
};

export async function WebhookEndpointPage({
  role,
  basePath,
  actions,
  params,
  searchParams,
}: WebhookEndpointPageProps) {
  const { endpointId } = await params;
  const user = await requirePageUser([role], `${basePath}/${endpointId}`);
  const db = getDb();
  const endpoint = await getEndpointFor(db, user, endpointId).catch((error: unknown) =>
    isAppError(error) && error.code === "NOT_FOUND" ? null : Promise.reject(error),
  );
  if (!endpoint) notFound();
  const url = await deliveryLogUrl.load(searchParams);
  const deliveries = await findDeliveries(db, endpoint.id, url);
  const base = `${basePath}/${endpoint.id}`;
  const hrefOf = createSerializer(deliveryLogUrl.parsers);
  return (
    <>
      <PageHeader
        title="Webhook endpoint"
        description={endpoint.url}
        actions={
          <ButtonLink href={basePath} variant="secondary">
            All endpoints
          </ButtonLink>
        }
      />
      <EndpointDetail
        endpoint={endpoint}
        deliveries={deliveries}
        now={new Date()}
        log={{
          sort: url.sort,
          pageHref: (page) => hrefOf(base, { ...url, page, cursor: null }),
          sortHref: (sort) => hrefOf(base, { ...url, sort, page: null, cursor: null }),
        }}
        actions={{
          sendTest: actions.sendTestEventAction,
          rotate: actions.rotateSecretAction,
          setActive: actions.setEndpointActiveAction,
          remove: actions.deleteEndpointAction,
          redeliver: actions.redeliverAction,
        }}
      />
    </>
  );
}
