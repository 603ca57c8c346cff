import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SimpleTable, Td } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import type { WebhookActions } from "@/lib/server/webhook-actions";
import type { Page, Sort } from "@/lib/tables/query";
import type { DeliveryRow, DeliverySort } from "@/lib/webhooks/queries";
import { RedeliverButton } from "./redeliver-button";

const statusTone = { succeeded: "green", failed: "red", pending: "amber" } as const;

/** Links that re-render the log: a page of it, or another order (?page=, ?sort=). */
export type DeliveryLogLinks = {
  sort: Sort<DeliverySort>;
  pageHref: (page: number) => string;
  sortHref: (sort: Sort<DeliverySort>) => string;
};

/** The delivery log, paginated and sorted on the server through the URL. */
export function DeliveriesTable({
  page,
  links,
  redeliver,
}: {
  page: Page<DeliveryRow>;
  links: DeliveryLogLinks;
  redeliver: WebhookActions["redeliver"];
}) {
  if (page.total === 0) {
    return (
      <EmptyState
        title="No deliveries yet"
        description="Events this endpoint subscribes to appear here as they are sent. Send a test event to check the connection."
      />
    );
  }
  return (
    <div className="space-y-3">
      <SimpleTable
        caption="Delivery log"
        head={[
          "Event",
          "Status",
          "Response",
          "Attempts",
          "Next attempt",
          "Error",
          {
            label: "Created",
            sort:
              links.sort.id === "createdAt"
                ? links.sort.desc
                  ? "descending"
                  : "ascending"
                : "none",
            href: links.sortHref({
              id: "createdAt",
              desc: !(links.sort.id === "createdAt" && links.sort.desc),
            }),
          },
          "",
        ]}
      >
        {page.rows.map((d) => (
          <tr key={d.id} data-delivery={d.id}>
            <Td>
              <span className="font-mono text-xs">{d.eventType}</span>
            </Td>
            <Td>
              <Badge tone={d.status === "pending" && d.attempts > 0 ? "red" : statusTone[d.status]}>
                {d.status === "pending" && d.attempts > 0 ? "retrying" : d.status}
              </Badge>
            </Td>
            <Td className="tabular-nums">{d.responseCode ?? "—"}</Td>
            <Td className="tabular-nums">{d.attempts}</Td>
            <Td className="whitespace-nowrap">
              {d.status === "pending" ? formatDateTime(d.nextAttemptAt) : "—"}
            </Td>
            <Td className="max-w-xs text-xs break-words text-red-700">{d.lastError ?? ""}</Td>
            <Td className="whitespace-nowrap">{formatDateTime(d.createdAt)}</Td>
            <Td className="text-right">
              {d.status === "pending" ? null : (
                <RedeliverButton
                  action={redeliver}
                  input={{ deliveryId: d.id }}
                  label={`Redeliver ${d.eventType} from ${formatDateTime(d.createdAt)}`}
                />
              )}
            </Td>
          </tr>
        ))}
      </SimpleTable>
      <nav
        aria-label="Delivery log pages"
        className="flex items-center justify-between gap-3 px-4 pb-4 text-sm text-slate-600"
      >
        <span aria-live="polite">
          {page.total.toLocaleString("en")} deliveries · page {page.page} of {page.pageCount}
        </span>
        <span className="flex gap-2">
          {page.page > 1 ? (
            <ButtonLink variant="secondary" size="sm" href={links.pageHref(page.page - 1)}>
              Previous
            </ButtonLink>
          ) : null}
          {page.page < page.pageCount ? (
            <ButtonLink variant="secondary" size="sm" href={links.pageHref(page.page + 1)}>
              Next
            </ButtonLink>
          ) : null}
        </span>
      </nav>
    </div>
  );
}
