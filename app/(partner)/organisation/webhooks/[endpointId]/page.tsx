import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { ButtonLink } from "@/components/ui/button";
import { EndpointDetail } from "@/components/webhooks/endpoint-detail";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { deliveryLogQuery, isUuid } from "@/lib/webhooks/page-params";
import { findDeliveries, getEndpointFor } from "@/lib/webhooks/queries";
import { deleteEndpointAction, redeliverAction, rotateSecretAction, sendTestEventAction, setEndpointActiveAction } from "../actions";

export const metadata: Metadata = { title: "Webhook endpoint" };
type Props = { params: Promise<{ endpointId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PartnerWebhookEndpointPage({ params, searchParams }: Props) {
  const { endpointId } = await params;
  const user = await requirePageUser(["partner"], `/organisation/webhooks/${endpointId}`);
  if (!isUuid(endpointId)) notFound();
  const db = getDb();
  const endpoint = await getEndpointFor(db, user, endpointId).catch((error: unknown) => (isAppError(error) && error.code === "NOT_FOUND" ? null : Promise.reject(error)));
  if (!endpoint) notFound();
  const deliveries = await findDeliveries(db, endpoint.id, deliveryLogQuery(await searchParams));
  const base = `/organisation/webhooks/${endpoint.id}`;
  return (
    <>
      <PageHeader title="Webhook endpoint" description={endpoint.url} actions={<ButtonLink href="/organisation/webhooks" variant="secondary">All endpoints</ButtonLink>} />
      <EndpointDetail
        endpoint={endpoint}
        deliveries={deliveries}
        now={new Date()}
        pageHref={(page) => `${base}?page=${page}`}
        actions={{
          sendTest: sendTestEventAction.bind(null, endpoint.id),
          rotate: rotateSecretAction.bind(null, endpoint.id),
          setActive: setEndpointActiveAction.bind(null, endpoint.id),
          remove: deleteEndpointAction.bind(null, endpoint.id),
          redeliver: (deliveryId) => redeliverAction.bind(null, endpoint.id, deliveryId),
        }}
      />
    </>
  );
}
