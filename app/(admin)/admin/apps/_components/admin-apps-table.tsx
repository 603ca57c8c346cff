"use client";
import Link from "next/link";
import { DataTable, type Columns } from "@/components/data-table/data-table";
import { TableFilter, TableSearch } from "@/components/data-table/toolbar";
import { AppStatusBadge } from "@/components/scopes/badges";
import { appTypeLabel } from "@/lib/apps/rules";
import type { AdminAppRow } from "@/lib/apps/queries";
import { formatDate } from "@/lib/format";
import type { Page } from "@/lib/tables/query";
import { adminAppsTableUrl } from "../search-params";

const columns: Columns<AdminAppRow> = [
  {
    id: "name",
    accessorFn: (a) => a.name,
    header: "App",
    cell: ({ row: { original: a } }) => (
      <Link href={`/admin/apps/${a.id}`} className="font-medium text-brand-700 hover:underline">
        {a.name}
      </Link>
    ),
  },
  {
    id: "partner",
    accessorFn: (a) => a.partner.name,
    header: "Partner",
    cell: ({ row: { original: a } }) => (
      <Link href={`/admin/partners/${a.partner.id}`} className="hover:underline">
        {a.partner.name}
      </Link>
    ),
  },
  {
    id: "status",
    accessorFn: (a) => a.status,
    header: "Status",
    cell: ({ row: { original: a } }) => (
      <AppStatusBadge status={a.partner.status === "suspended" ? "suspended" : a.status} />
    ),
  },
  {
    id: "appType",
    accessorFn: (a) => a.appType,
    header: "Type",
    cell: ({ row: { original: a } }) => appTypeLabel[a.appType as keyof typeof appTypeLabel],
  },
  {
    id: "granted",
    header: "Granted",
    enableSorting: false,
    cell: ({ row: { original: a } }) => a.counts.granted,
  },
  {
    id: "pending",
    header: "Pending",
    enableSorting: false,
    cell: ({ row: { original: a } }) => a.counts.pending,
  },
  {
    id: "revoked",
    header: "Revoked",
    enableSorting: false,
    cell: ({ row: { original: a } }) => a.counts.revoked,
  },
  {
    id: "createdAt",
    accessorFn: (a) => a.createdAt,
    header: "Registered",
    cell: ({ row: { original: a } }) => formatDate(a.createdAt),
  },
];

export function AdminAppsTable({ page }: { page: Page<AdminAppRow> }) {
  return (
    <DataTable
      caption="Every registered app"
      columns={columns}
      page={page}
      url={adminAppsTableUrl}
      getRowId={(a) => a.id}
      empty="No apps match these filters."
      toolbar={
        <>
          <TableSearch label="Search" placeholder="App, partner or client id" />
          <TableFilter
            name="status"
            label="Status"
            options={[
              { value: "active", label: "Active" },
              { value: "suspended", label: "Suspended" },
            ]}
          />
          <TableFilter
            name="appType"
            label="Type"
            options={Object.entries(appTypeLabel).map(([value, label]) => ({ value, label }))}
          />
        </>
      }
    />
  );
}
