"use client";
import Link from "next/link";
import { useState } from "react";
import { DataTable, type Columns } from "@/components/data-table/data-table";
import { TableFilter, TableSearch } from "@/components/data-table/toolbar";
import { inputClass } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { useAction } from "@/components/form/use-action";
import { RiskBadge } from "@/components/scopes/badges";
import { RISK_FILTER_OPTIONS } from "@/components/scopes/risk";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { QueueRow } from "@/lib/approvals/queue";
import { formatDueDate, formatDuration } from "@/lib/format";
import type { ActionState } from "@/lib/server/action";
import type { Page } from "@/lib/tables/query";
import { bulkDecideAction } from "../actions";
import { queueTableUrl } from "../search-params";

const columns: Columns<QueueRow> = [
  {
    id: "scope",
    header: "Scope requested",
    enableSorting: false,
    cell: ({ row: { original: r } }) => (
      <div className="min-w-64 space-y-1">
        <Link
          href={`/admin/approvals/${r.id}`}
          className="font-mono text-sm text-brand-700 hover:underline"
        >
          {r.scope}
        </Link>
        <p className="text-xs text-slate-600">{r.explanation}</p>
        {r.lints.length ? (
          <p className="text-xs text-amber-800">
            ⚠ {r.lints[0]!.message}
            {r.lints.length > 1 ? ` (+${r.lints.length - 1} more)` : ""}
          </p>
        ) : null}
      </div>
    ),
  },
  {
    id: "app",
    header: "App",
    accessorFn: (r) => r.app.name,
    cell: ({ row: { original: r } }) => (
      <span className="font-medium text-slate-900">{r.app.name}</span>
    ),
  },
  {
    id: "partner",
    header: "Partner",
    accessorFn: (r) => r.partner.name,
    cell: ({ row: { original: r } }) => r.partner.name,
  },
  {
    id: "risk",
    header: "Risk",
    accessorFn: (r) => r.risk,
    sortDescFirst: true,
    cell: ({ row: { original: r } }) => <RiskBadge level={r.risk} />,
  },
  {
    id: "approvals",
    header: "Approvals",
    enableSorting: false,
    cell: ({ row: { original: r } }) => (
      <Badge tone={r.approvalsRequired > 1 ? "purple" : "neutral"}>
        {r.approvals} of {Math.max(1, r.approvalsRequired)}
      </Badge>
    ),
  },
  {
    id: "due",
    header: "Due",
    accessorFn: (r) => r.dueAt,
    cell: ({ row: { original: r } }) => (
      <span className="whitespace-nowrap">{formatDueDate(new Date(r.dueAt))}</span>
    ),
  },
  {
    id: "waiting",
    header: "Waiting",
    accessorFn: (r) => r.waitingMs,
    sortDescFirst: true,
    cell: ({ row: { original: r } }) => (
      <span className="whitespace-nowrap">{formatDuration(r.waitingMs)}</span>
    ),
  },
];

export function QueueTable({
  page,
  partners,
}: {
  page: Page<QueueRow>;
  partners: { id: string; name: string }[];
}) {
  // The outcome outlives the selection: decided rows leave the page when it re-renders.
  const [outcome, setOutcome] = useState<ActionState>({ status: "idle" });
  return (
    <div className="space-y-3">
      <FormMessage status={outcome.status} message={outcome.message} />
      <DataTable
        caption="Pending scope requests"
        columns={columns}
        page={page}
        url={queueTableUrl}
        getRowId={(r) => r.id}
        empty="No pending requests match these filters."
        toolbar={
          <>
            <TableSearch label="Search" placeholder="Scope, app or partner" />
            <TableFilter name="risk" label="Risk" options={RISK_FILTER_OPTIONS} />
            <TableFilter
              name="context"
              label="Context"
              options={["system", "user", "patient"].map((v) => ({ value: v, label: v }))}
            />
            <TableFilter
              name="partner"
              label="Partner"
              options={partners.map((p) => ({ value: p.id, label: p.name }))}
            />
            <TableFilter
              name="approvers"
              label="Approvers"
              options={[{ value: "two", label: "Two-person only" }]}
            />
          </>
        }
        selection={{
          bar: (selected, clear) => (
            <BulkBar selected={selected} clear={clear} onOutcome={setOutcome} />
          ),
        }}
      />
    </div>
  );
}

function BulkBar({
  selected,
  clear,
  onOutcome,
}: {
  selected: QueueRow[];
  clear: () => void;
  onOutcome: (state: ActionState) => void;
}) {
  const [reason, setReason] = useState("");
  const [isDenying, setDenying] = useState(false);
  const { execute, isPending } = useAction(bulkDecideAction, { focusOnError: false });
  const run = (kind: "approve" | "deny") =>
    void execute({
      kind,
      appScopeIds: selected.map((s) => s.id),
      reason: kind === "deny" ? reason : null,
    }).then((result) => {
      onOutcome(result);
      if (result.status === "success") {
        clear();
        setDenying(false);
        setReason("");
      }
    });
  return (
    <div className="flex w-full flex-wrap items-center gap-3">
      <span className="font-medium text-slate-800">{selected.length} selected</span>
      {isDenying ? (
        <>
          <label className="flex flex-1 items-center gap-2">
            <span className="sr-only">Reason for denying</span>
            <input
              className={cn(inputClass, "min-w-64")}
              placeholder="Why are these denied? The partners read this."
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              autoFocus
              aria-label="Reason for denying"
            />
          </label>
          <Button
            variant="danger"
            size="sm"
            disabled={isPending || reason.trim().length < 3}
            onClick={() => run("deny")}
          >
            {isPending ? "Denying…" : `Deny ${selected.length}`}
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setDenying(false)}>
            Cancel
          </Button>
        </>
      ) : (
        <>
          <Button size="sm" disabled={isPending} onClick={() => run("approve")}>
            {isPending ? "Approving…" : "Approve selected"}
          </Button>
          <Button variant="secondary" size="sm" onClick={() => setDenying(true)}>
            Deny selected…
          </Button>
        </>
      )}
    </div>
  );
}
