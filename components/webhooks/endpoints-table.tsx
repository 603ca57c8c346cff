import Link from "next/link";
import { Badge, type Tone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { SimpleTable, Td } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import type { EndpointRow } from "@/lib/webhooks/queries";
import type { EndpointHealth } from "@/lib/webhooks/rules";

const healthTone: Record<EndpointHealth, Tone> = {
  healthy: "green",
  failing: "red",
  idle: "neutral",
  disabled: "amber",
};

export function EndpointsTable({
  endpoints,
  basePath,
  showOwner,
}: {
  endpoints: EndpointRow[];
  basePath: string;
  showOwner: boolean;
}) {
  if (endpoints.length === 0) {
    return (
      <EmptyState
        title="No endpoints yet"
        description="Add an endpoint above: it receives a signed POST for every event it subscribes to."
      />
    );
  }
  return (
    <SimpleTable
      caption="Webhook endpoints"
      head={[
        "Endpoint",
        ...(showOwner ? ["Receives"] : []),
        "Events",
        "Health",
        "Last 24 hours",
        "Last delivery",
      ]}
    >
      {endpoints.map((e) => (
        <tr key={e.id}>
          <Td className="max-w-md">
            <Link
              href={`${basePath}/${e.id}`}
              className="font-medium break-all text-brand-700 hover:underline"
            >
              {e.url}
            </Link>
            {e.description ? (
              <span className="block text-xs text-slate-500">{e.description}</span>
            ) : null}
          </Td>
          {showOwner ? (
            <Td>
              {e.organization
                ? `${e.organization.name}${e.app ? ` · ${e.app.name}` : ""}`
                : "Every partner (portal-wide)"}
            </Td>
          ) : null}
          <Td>
            <span className="font-mono text-xs">{e.events.join(", ")}</span>
          </Td>
          <Td>
            <Badge tone={healthTone[e.health]}>{e.health}</Badge>
          </Td>
          <Td className="whitespace-nowrap tabular-nums">
            {e.last24h.succeeded} ok · {e.last24h.failed} failed
            {e.last24h.retrying ? ` · ${e.last24h.retrying} retrying` : ""}
          </Td>
          <Td className="whitespace-nowrap">
            {e.lastDelivery
              ? `${e.lastDelivery.status}${e.lastDelivery.responseCode ? ` (${e.lastDelivery.responseCode})` : ""}, ${formatDateTime(e.lastDelivery.at)}`
              : "—"}
          </Td>
        </tr>
      ))}
    </SimpleTable>
  );
}
