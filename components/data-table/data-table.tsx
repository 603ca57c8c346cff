"use client";
import {
  flexRender,
  rowPaginationFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowData,
  type RowSelectionState,
} from "@tanstack/react-table";
import { Fragment, useMemo, useState, type ReactNode } from "react";
import type { Page } from "@/lib/tables/query";
import { cn } from "../ui/cn";
import { Pagination } from "./pagination";
import { TableUrlScope, useTableUrl, type TableUrlContract } from "./use-table-url";

export const tableFeatureSet = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  rowSelectionFeature,
});
export type Columns<T extends RowData> = ColumnDef<typeof tableFeatureSet, T>[];

type Props<T extends RowData> = {
  caption: string;
  columns: Columns<T>;
  /** One server page, as the table's query returned it. */
  page: Page<T>;
  /** The table's URL contract (defineTableUrl): its parsers, and which columns may sort. */
  url: TableUrlContract;
  getRowId: (row: T) => string;
  empty: ReactNode;
  toolbar?: ReactNode;
  /** Enables row checkboxes; the bar renders above the table while rows are selected. */
  selection?: {
    canSelect?: (row: T) => boolean;
    bar: (selected: T[], clear: () => void) => ReactNode;
  };
  /** Content for a full-width row under a row (e.g. its expanded details), or null for none. */
  renderSubRow?: (row: T) => ReactNode;
};

/**
 * Renders one server page: sorting and paging are manual (the server sorts and slices), the
 * table only draws rows and writes the user's choices to the URL. A column sorts when the
 * contract allows it and it has an accessor (TanStack Table sorts accessor columns only).
 */
export function DataTable<T extends RowData>({ url, ...props }: Props<T>) {
  return (
    <TableUrlScope contract={url}>
      <DataTableInner {...props} />
    </TableUrlScope>
  );
}

function DataTableInner<T extends RowData>({
  caption,
  columns: columnDefs,
  page,
  getRowId,
  empty,
  toolbar,
  selection,
  renderSubRow,
}: Omit<Props<T>, "url">) {
  const url = useTableUrl();
  const { sort } = url.params;
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const sortable = url.sortable;
  const columns = useMemo(
    () =>
      columnDefs.map((column) => ({
        ...column,
        enableSorting: column.id !== undefined && sortable.includes(column.id),
      })) as Columns<T>,
    [columnDefs, sortable],
  );
  const table = useTable({
    features: tableFeatureSet,
    columns,
    data: page.rows,
    getRowId: (row) => getRowId(row),
    manualSorting: true,
    manualPagination: true,
    rowCount: page.total,
    enableSortingRemoval: false,
    enableMultiSort: false,
    enableRowSelection: selection ? (row) => selection.canSelect?.(row.original) ?? true : false,
    state: {
      sorting: [sort],
      pagination: { pageIndex: page.page - 1, pageSize: page.perPage },
      rowSelection,
    },
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater([sort]) : updater;
      const first = next[0];
      if (first) url.setSort({ id: first.id, desc: first.desc });
    },
    onRowSelectionChange: setRowSelection,
  });
  const rows = table.getRowModel().rows;
  const selected = rows.filter((r) => r.getIsSelected()).map((r) => r.original);
  const clear = () => setRowSelection({});

  return (
    <div className="space-y-3">
      {toolbar ? <div className="flex flex-wrap items-end gap-3">{toolbar}</div> : null}
      {selection && selected.length > 0 ? (
        <div
          role="region"
          aria-label="Bulk actions"
          className="flex flex-wrap items-center gap-3 rounded-md border border-brand-100 bg-brand-50 px-4 py-2 text-sm"
        >
          {selection.bar(selected, clear)}
        </div>
      ) : null}
      <div
        className={cn(
          "overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm transition-opacity",
          url.isPending && "opacity-60",
        )}
        aria-busy={url.isPending || undefined}
      >
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {selection ? (
                  <th scope="col" className="w-10 px-3 py-2.5">
                    <input
                      type="checkbox"
                      aria-label="Select all rows on this page"
                      className="size-4 rounded border-slate-300"
                      checked={table.getIsAllPageRowsSelected()}
                      ref={(el) => {
                        if (el)
                          el.indeterminate =
                            table.getIsSomePageRowsSelected() && !table.getIsAllPageRowsSelected();
                      }}
                      onChange={(e) => table.toggleAllPageRowsSelected(e.target.checked)}
                    />
                  </th>
                ) : null}
                {group.headers.map((header) => {
                  const canSort = header.column.getCanSort();
                  const sorted = header.column.getIsSorted();
                  const label = header.isPlaceholder
                    ? null
                    : flexRender(header.column.columnDef.header, header.getContext());
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={
                        canSort
                          ? sorted === "asc"
                            ? "ascending"
                            : sorted === "desc"
                              ? "descending"
                              : "none"
                          : undefined
                      }
                      className="px-4 py-2.5 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase"
                    >
                      {canSort ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className="focus-visible:ring-brand-500 -mx-1 inline-flex items-center gap-1 rounded px-1 uppercase hover:text-slate-900 focus-visible:ring-2 focus-visible:outline-none"
                        >
                          {label}
                          <span
                            aria-hidden
                            className={sorted ? "text-slate-700" : "text-slate-400"}
                          >
                            {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                          </span>
                        </button>
                      ) : (
                        label
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 ? (
              <tr>
                <td
                  colSpan={columns.length + (selection ? 1 : 0)}
                  className="px-4 py-10 text-center text-slate-600"
                >
                  {empty}
                </td>
              </tr>
            ) : (
              rows.map((row) => {
                const subRow = renderSubRow?.(row.original);
                return (
                  <Fragment key={row.id}>
                    <tr
                      className={cn("hover:bg-slate-50", row.getIsSelected() && "bg-brand-50/50")}
                    >
                      {selection ? (
                        <td className="w-10 px-3 py-2.5 align-top">
                          <input
                            type="checkbox"
                            aria-label={`Select row ${row.index + 1}`}
                            className="size-4 rounded border-slate-300"
                            disabled={!row.getCanSelect()}
                            checked={row.getIsSelected()}
                            onChange={(e) => row.toggleSelected(e.target.checked)}
                          />
                        </td>
                      ) : null}
                      {row.getAllCells().map((cell) => (
                        <td key={cell.id} className="px-4 py-2.5 align-top text-slate-700">
                          {flexRender(cell.column.columnDef.cell, cell.getContext())}
                        </td>
                      ))}
                    </tr>
                    {subRow ? (
                      <tr className="bg-slate-50/70">
                        <td
                          colSpan={columns.length + (selection ? 1 : 0)}
                          className="px-4 pt-1 pb-4"
                        >
                          {subRow}
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })
            )}
          </tbody>
        </table>
      </div>
      <Pagination page={page} />
    </div>
  );
}
