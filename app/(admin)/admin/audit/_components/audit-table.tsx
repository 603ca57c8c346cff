"use client";
import { useMemo, useState } from "react";
import { DataTable, type Columns } from "@/components/data-table/data-table";
import { TableFilter, TableSearch } from "@/components/data-table/toolbar";
import { Badge } from "@/components/ui/badge";
import type { AuditFilterOptions, AuditFilters, AuditRow } from "@/lib/audit/queries";
import { formatDateTime } from "@/lib/format";
import type { Page } from "@/lib/tables/query";
import { auditTableUrl } from "../search-params";
import { ActionFilter, ClearFilters, TextFilter } from "./filters";
import { DateRangeFilter } from "./date-range-filter";
import { DetailsToggle, EventDetails } from "./event-details";

/** A row as the page sends it: before and after already pretty-printed on the server. */
export type AuditTableRow = Omit<AuditRow, "before" | "after"> & {
  before: string | null;
  after: string | null;
};

const actorTone = {
  user: "neutral",
  system: "blue",
  api_key: "purple",
  anonymous: "amber",
} as const;

const columnsWith = (
  isOpen: (seq: string) => boolean,
  toggle: (seq: string) => void,
): Columns<AuditTableRow> => [
  {
    id: "seq",
    header: "When",
    accessorFn: (row) => Number(row.seq),
    cell: ({ row }) => (
      <div className="whitespace-nowrap">
        <div>{formatDateTime(row.original.at)}</div>
        <div className="text-xs text-slate-500 tabular-nums">#{row.original.seq}</div>
      </div>
    ),
  },
  {
    id: "actor",
    header: "Actor",
    enableSorting: false,
    cell: ({ row }) => (
      <div className="space-y-1">
        <div className="break-words text-slate-900">{row.original.actorLabel ?? "—"}</div>
        {row.original.actorType === "user" ? null : (
          <Badge tone={actorTone[row.original.actorType]}>
            {row.original.actorType.replace("_", " ")}
          </Badge>
        )}
      </div>
    ),
  },
  {
    id: "action",
    header: "Action",
    enableSorting: false,
    cell: ({ row }) => (
      <code className="font-mono text-xs text-slate-900">{row.original.action}</code>
    ),
  },
  {
    id: "entity",
    header: "Entity",
    enableSorting: false,
    cell: ({ row }) => (
      <div>
        <div>{row.original.entityType}</div>
        {row.original.entityId ? (
          <div
            className="max-w-48 truncate font-mono text-xs text-slate-500"
            title={row.original.entityId}
          >
            {row.original.entityId}
          </div>
        ) : null}
      </div>
    ),
  },
  {
    id: "organization",
    header: "Partner",
    enableSorting: false,
    cell: ({ row }) =>
      row.original.organizationName ?? (row.original.organizationId ? "(removed)" : "—"),
  },
  {
    id: "details",
    header: "Details",
    enableSorting: false,
    cell: ({ row }) => (
      <DetailsToggle
        seq={row.original.seq}
        isOpen={isOpen(row.original.seq)}
        onToggle={() => toggle(row.original.seq)}
      />
    ),
  },
];

export function AuditTable({
  page,
  options,
  filters,
}: {
  page: Page<AuditTableRow>;
  options: AuditFilterOptions;
  filters: AuditFilters;
}) {
  const isFiltered = Object.keys(filters).length > 0;
  // Text inputs keep what is typed in their own state; clearing remounts them from the URL.
  const [generation, setGeneration] = useState(0);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const columns = useMemo(
    () =>
      columnsWith(
        (seq) => open.has(seq),
        (seq) =>
          setOpen((prev) => {
            const next = new Set(prev);
            if (!next.delete(seq)) next.add(seq);
            return next;
          }),
      ),
    [open],
  );
  return (
    <DataTable
      caption="Audit events"
      columns={columns}
      page={page}
      url={auditTableUrl}
      getRowId={(row) => row.seq}
      renderSubRow={(row) => (open.has(row.seq) ? <EventDetails row={row} /> : null)}
      empty={isFiltered ? "No events match these filters." : "No events yet."}
      toolbar={
        <>
          <TableSearch
            key={`q-${generation}`}
            label="Search"
            placeholder="Action, entity id, actor or event number"
          />
          <ActionFilter actions={options.actions} />
          <TextFilter
            key={`actor-${generation}`}
            name="actor"
            label="Actor"
            placeholder="e-mail or name"
          />
          <TableFilter
            name="entityType"
            label="Entity type"
            options={options.entityTypes.map((t) => ({ value: t, label: t }))}
          />
          <TableFilter
            name="organizationId"
            label="Partner"
            options={options.organizations.map((o) => ({ value: o.id, label: o.name }))}
          />
          <DateRangeFilter key={`dates-${generation}`} />
          {isFiltered ? <ClearFilters onCleared={() => setGeneration((g) => g + 1)} /> : null}
        </>
      }
    />
  );
}
