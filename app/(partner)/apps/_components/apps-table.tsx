"use client";
import Link from "next/link";
import { DataTable, type Columns } from "@/components/data-table/data-table";
import { TableFilter, TableSearch } from "@/components/data-table/toolbar";
import { AppStatusBadge } from "@/components/scopes/badges";
import { appTypeLabel, clientTypeLabel } from "@/lib/apps/rules";
import type { AppListRow } from "@/lib/apps/queries";
import { formatDate } from "@/lib/format";
import type { Page } from "@/lib/tables/query";

const count = (n: number, tone: string) => <span className={n ? tone : "text-slate-400"}>{n}</span>;

const columns: Columns<AppListRow> = [
  {
    id: "name",
    header: "App",
    cell: ({ row }) => (
      <Link
        href={`/apps/${row.original.id}`}
        className="font-medium text-brand-700 hover:underline"
      >
        {row.original.name}
      </Link>
    ),
  },
  {
    id: "status",
    header: "Status",
    cell: ({ row }) => <AppStatusBadge status={row.original.status} />,
  },
  {
    id: "appType",
    header: "Type",
    cell: ({ row }) => appTypeLabel[row.original.appType as keyof typeof appTypeLabel],
  },
  {
    id: "clientType",
    header: "Client",
    enableSorting: false,
    cell: ({ row }) => clientTypeLabel[row.original.clientType as keyof typeof clientTypeLabel],
  },
  {
    id: "granted",
    header: "Granted",
    enableSorting: false,
    cell: ({ row }) => count(row.original.counts.granted, "font-medium text-emerald-700"),
  },
  {
    id: "pending",
    header: "Pending",
    enableSorting: false,
    cell: ({ row }) => count(row.original.counts.pending, "font-medium text-amber-700"),
  },
  {
    id: "denied",
    header: "Denied",
    enableSorting: false,
    cell: ({ row }) => count(row.original.counts.denied, "text-red-700"),
  },
  {
    id: "revoked",
    header: "Revoked",
    enableSorting: false,
    cell: ({ row }) => count(row.original.counts.revoked, "text-red-700"),
  },
  { id: "createdAt", header: "Registered", cell: ({ row }) => formatDate(row.original.createdAt) },
];

export function AppsTable({
  page,
  sort,
}: {
  page: Page<AppListRow>;
  sort: { id: string; desc: boolean };
}) {
  return (
    <DataTable
      caption="Your organisation's apps"
      columns={columns}
      data={page.rows}
      total={page.total}
      page={page.page}
      perPage={page.perPage}
      pageCount={page.pageCount}
      sort={sort}
      getRowId={(row) => row.id}
      empty="No apps match these filters."
      toolbar={
        <>
          <TableSearch label="Search apps" placeholder="Name or client id" />
          <TableFilter
            name="status"
            label="Status"
            options={[
              { value: "active", label: "Active" },
              { value: "suspended", label: "Suspended" },
            ]}
          />
        </>
      }
    />
  );
}
