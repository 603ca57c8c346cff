"use client";
import Link from "next/link";
import { DataTable, type Columns } from "@/components/data-table/data-table";
import { TableFilter, TableSearch } from "@/components/data-table/toolbar";
import { AppStatusBadge } from "@/components/scopes/badges";
import { appTypeLabel, clientTypeLabel } from "@/lib/apps/rules";
import type { AppListRow } from "@/lib/apps/queries";
import { formatDate } from "@/lib/format";
import type { Page } from "@/lib/tables/query";
import { myAppsTableUrl } from "../search-params";

const count = (n: number, tone: string) => <span className={n ? tone : "text-slate-400"}>{n}</span>;

const columns: Columns<AppListRow> = [
  {
    id: "name",
    accessorFn: (a) => a.name,
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
    accessorFn: (a) => a.status,
    header: "Status",
    cell: ({ row }) => <AppStatusBadge status={row.original.status} />,
  },
  {
    id: "appType",
    accessorFn: (a) => a.appType,
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
  {
    id: "createdAt",
    header: "Registered",
    accessorFn: (a) => a.createdAt,
    cell: ({ row }) => formatDate(row.original.createdAt),
  },
];

export function AppsTable({ page }: { page: Page<AppListRow> }) {
  return (
    <DataTable
      caption="Your organisation's apps"
      columns={columns}
      page={page}
      url={myAppsTableUrl}
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
