import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import type { WebhookActions } from "@/lib/server/webhook-actions";
import type { Page } from "@/lib/tables/query";
import type { DeliveryRow, getEndpointFor } from "@/lib/webhooks/queries";
import { DeliveriesTable, type DeliveryLogLinks } from "./deliveries-table";
import { EndpointControls } from "./endpoint-controls";

type Endpoint = Awaited<ReturnType<typeof getEndpointFor>>;
export type EndpointActions = {
  sendTest: WebhookActions["sendTest"];
  rotate: WebhookActions["rotateSecret"];
  setActive: WebhookActions["setActive"];
  remove: WebhookActions["deleteEndpoint"];
  redeliver: WebhookActions["redeliver"];
};

export function EndpointDetail({
  endpoint,
  deliveries,
  log,
  actions,
  now,
}: {
  endpoint: Endpoint;
  deliveries: Page<DeliveryRow>;
  log: DeliveryLogLinks;
  actions: EndpointActions;
  now: Date;
}) {
  const isOverlapping =
    endpoint.previousSecretExpiresAt !== null && endpoint.previousSecretExpiresAt > now;
  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="Endpoint"
          actions={
            <Badge tone={endpoint.active ? "green" : "amber"}>
              {endpoint.active ? "active" : "disabled"}
            </Badge>
          }
        />
        <CardBody className="space-y-4">
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="text-slate-500">URL</dt>
            <dd className="font-mono break-all">{endpoint.url}</dd>
            <dt className="text-slate-500">Receives</dt>
            <dd>
              {endpoint.organization
                ? `${endpoint.organization.name}'s events${endpoint.app ? `, app ${endpoint.app.name} only` : ""}`
                : "Every partner's events (portal-wide)"}
            </dd>
            <dt className="text-slate-500">Events</dt>
            <dd className="font-mono text-xs">{endpoint.events.join(", ")}</dd>
            {endpoint.description ? (
              <>
                <dt className="text-slate-500">Description</dt>
                <dd>{endpoint.description}</dd>
              </>
            ) : null}
            <dt className="text-slate-500">Secret</dt>
            <dd>
              {endpoint.secretRotatedAt
                ? `Rotated ${formatDateTime(endpoint.secretRotatedAt)}`
                : `Created ${formatDateTime(endpoint.createdAt)}`}
              {isOverlapping
                ? ` · the previous secret also signs until ${formatDateTime(endpoint.previousSecretExpiresAt)}`
                : ""}
            </dd>
          </dl>
          <EndpointControls
            endpointId={endpoint.id}
            isActive={endpoint.active}
            sendTest={actions.sendTest}
            rotate={actions.rotate}
            setActive={actions.setActive}
            remove={actions.remove}
          />
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Delivery log"
          description="Each attempt is signed and retried after 1 min, 5 min, 30 min, 2 h and 12 h; after the 6th failure it is marked failed."
        />
        <DeliveriesTable page={deliveries} links={log} redeliver={actions.redeliver} />
      </Card>
    </div>
  );
}
