"use client";
import Link from "next/link";
import { DataTable, type Columns } from "@/components/data-table/data-table";
import { TableFilter, TableSearch } from "@/components/data-table/toolbar";
import { Badge } from "@/components/ui/badge";
import { formatDate } from "@/lib/format";
import type { OrgRow } from "@/lib/orgs/queries";
import type { Page } from "@/lib/tables/query";
import { partnersTableUrl } from "../search-params";

const columns: Columns<OrgRow> = [
  {
    id: "name",
    accessorFn: (o) => o.name,
    header: "Organisation",
    cell: ({ row: { original: o } }) => (
      <Link href={`/admin/partners/${o.id}`} className="font-medium text-brand-700 hover:underline">
        {o.name}
      </Link>
    ),
  },
  {
    id: "status",
    accessorFn: (o) => o.status,
    header: "Status",
    cell: ({ row: { original: o } }) => (
      <Badge tone={o.status === "active" ? "green" : "red"}>{o.status}</Badge>
    ),
  },
  {
    id: "members",
    header: "Members",
    enableSorting: false,
    cell: ({ row: { original: o } }) => o.members,
  },
  { id: "apps", header: "Apps", enableSorting: false, cell: ({ row: { original: o } }) => o.apps },
  {
    id: "granted",
    header: "Grants",
    enableSorting: false,
    cell: ({ row: { original: o } }) => o.granted,
  },
  {
    id: "pending",
    header: "Pending",
    enableSorting: false,
    cell: ({ row: { original: o } }) => o.pending,
  },
  {
    id: "createdAt",
    accessorFn: (o) => o.createdAt,
    header: "Joined",
    cell: ({ row: { original: o } }) => formatDate(o.createdAt),
  },
];

export function PartnersTable({ page }: { page: Page<OrgRow> }) {
  return (
    <DataTable
      caption="Partner organisations"
      columns={columns}
      page={page}
      url={partnersTableUrl}
      getRowId={(o) => o.id}
      empty="No organisations match these filters."
      toolbar={
        <>
          <TableSearch label="Search" placeholder="Organisation or member e-mail" />
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
