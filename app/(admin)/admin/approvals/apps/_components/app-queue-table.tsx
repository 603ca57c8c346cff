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
import type { AppQueueRow } from "@/lib/approvals/queue-by-app";
import { formatDueDate, formatDuration } from "@/lib/format";
import type { ActionState } from "@/lib/server/action";
import { RISK_LEVELS } from "@/lib/scopes/types";
import { SCOPE_TEMPLATES } from "@/lib/scopes/templates";
import type { Page } from "@/lib/tables/query";
import { assignAction, decideSetAction } from "../actions";
import { appQueueTableUrl } from "../search-params";

type Admin = { id: string; name: string };

export function DeadlineBadge({ deadline }: { deadline: AppQueueRow["deadline"] }) {
  if (deadline === "overdue") return <Badge tone="red">Overdue</Badge>;
  if (deadline === "due_soon") return <Badge tone="amber">Due soon</Badge>;
  return null;
}

function columnsFor(
  admins: Admin[],
  me: string,
  onOutcome: (s: ActionState) => void,
  now: number,
): Columns<AppQueueRow> {
  return [
    {
      id: "app",
      header: "App",
      accessorFn: (r) => r.name,
      cell: ({ row: { original: r } }) => (
        <div className="min-w-40 space-y-1">
          <Link href={`/admin/apps/${r.id}`} className="font-medium text-brand-700 hover:underline">
            {r.name}
          </Link>
          <p className="text-xs text-slate-600">
            {r.template ? r.template.name : "No template"} · {r.appType}
          </p>
        </div>
      ),
    },
    {
      id: "partner",
      header: "Partner",
      accessorFn: (r) => r.partner.name,
      cell: ({ row: { original: r } }) => r.partner.name,
    },
    {
      id: "scopes",
      header: "Scopes waiting",
      enableSorting: false,
      cell: ({ row: { original: r } }) => <ScopeDiff row={r} />,
    },
    {
      id: "risk",
      header: "Risk",
      accessorFn: (r) => r.highestRisk,
      sortDescFirst: true,
      cell: ({ row: { original: r } }) => (
        <div className="flex flex-col items-start gap-1">
          <RiskBadge level={r.highestRisk} />
          <span className="text-xs whitespace-nowrap text-slate-600">
            {[...RISK_LEVELS]
              .reverse()
              .filter((l) => r.riskCounts[l] > 0)
              .map((l) => `${r.riskCounts[l]} ${l}`)
              .join(", ")}
          </span>
        </div>
      ),
    },
    {
      id: "due",
      header: "Due",
      accessorFn: (r) => r.dueAt,
      cell: ({ row: { original: r } }) => (
        <div className="flex flex-col items-start gap-1 whitespace-nowrap">
          <span>{formatDueDate(new Date(r.dueAt))}</span>
          <DeadlineBadge deadline={r.deadline} />
          <span className="text-xs text-slate-500">
            waiting {formatDuration(now - new Date(r.oldestAt).getTime())}
          </span>
        </div>
      ),
    },
    {
      id: "assignee",
      header: "Assignee",
      enableSorting: false,
      cell: ({ row: { original: r } }) => <Assignee row={r} admins={admins} me={me} />,
    },
    {
      id: "decide",
      header: "Decide",
      enableSorting: false,
      cell: ({ row: { original: r } }) => <SetDecision row={r} onOutcome={onOutcome} />,
    },
  ];
}

function ScopeDiff({ row }: { row: AppQueueRow }) {
  return (
    <div className="min-w-56 space-y-1">
      <ul className="space-y-0.5" aria-label={`Scopes ${row.name} waits for`}>
        {row.scopes.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center gap-1.5">
            <span
              aria-hidden
              className={cn(
                "font-mono text-xs",
                s.isBeyondTemplate ? "text-amber-700" : "text-slate-400",
              )}
            >
              {s.isBeyondTemplate ? "+" : "="}
            </span>
            <Link
              href={`/admin/approvals/${s.id}`}
              className="font-mono text-xs text-brand-700 hover:underline"
              title={s.explanation}
            >
              {s.scope}
            </Link>
            {s.isBeyondTemplate ? <Badge tone="amber">beyond template</Badge> : null}
            {s.approvalsRequired > 1 ? (
              <Badge tone="purple">
                {s.approvals} of {s.approvalsRequired}
              </Badge>
            ) : null}
          </li>
        ))}
      </ul>
      {row.leftOut.length ? (
        <p className="text-xs text-slate-500">
          Template scopes not requested: {row.leftOut.join(", ")}
        </p>
      ) : null}
    </div>
  );
}

function Assignee({ row, admins, me }: { row: AppQueueRow; admins: Admin[]; me: string }) {
  const { execute, isPending } = useAction(assignAction, { flash: true, focusOnError: false });
  return (
    <div className="flex flex-col items-start gap-1">
      <span className="text-sm whitespace-nowrap">
        {row.assignee ? row.assignee.name : "Unassigned"}
      </span>
      {row.assignee?.id !== me ? (
        <Button
          size="sm"
          variant="secondary"
          className="whitespace-nowrap"
          disabled={isPending}
          onClick={() => void execute({ appId: row.id, assigneeId: me })}
        >
          Assign to me
        </Button>
      ) : null}
      <label className="text-xs text-slate-600">
        <span className="sr-only">Assign {row.name} to</span>
        <select
          className={cn(inputClass, "w-32 py-1 text-xs")}
          value={row.assignee?.id ?? ""}
          disabled={isPending}
          onChange={(e) => void execute({ appId: row.id, assigneeId: e.target.value || null })}
        >
          <option value="">Nobody</option>
          {admins.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function SetDecision({
  row,
  onOutcome,
}: {
  row: AppQueueRow;
  onOutcome: (s: ActionState) => void;
}) {
  const [isDenying, setDenying] = useState(false);
  const [reason, setReason] = useState("");
  const { execute, isPending } = useAction(decideSetAction, { focusOnError: false });
  const run = (kind: "approve" | "deny") =>
    void execute({
      appId: row.id,
      kind,
      appScopeIds: row.scopes.map((s) => s.id),
      reason: kind === "deny" ? reason : null,
    }).then((result) => {
      onOutcome(result);
      if (result.status === "success") setDenying(false);
    });
  const n = row.scopes.length;
  if (isDenying)
    return (
      <div className="flex min-w-56 flex-col gap-2">
        <input
          className={inputClass}
          aria-label={`Reason for denying ${row.name}'s requests`}
          placeholder="Why? The partner reads this."
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          autoFocus
        />
        <div className="flex gap-2">
          <Button
            size="sm"
            variant="danger"
            disabled={isPending || reason.trim().length < 3}
            onClick={() => run("deny")}
          >
            {isPending ? "Denying…" : `Deny ${n}`}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setDenying(false)}>
            Cancel
          </Button>
        </div>
      </div>
    );
  return (
    <div className="flex flex-col items-start gap-1.5">
      <Button
        size="sm"
        className="whitespace-nowrap"
        disabled={isPending}
        onClick={() => run("approve")}
        aria-label={`Approve all ${n} of ${row.name}'s requests`}
      >
        {isPending ? "Approving…" : `Approve all ${n}`}
      </Button>
      <Button
        size="sm"
        variant="secondary"
        className="whitespace-nowrap"
        onClick={() => setDenying(true)}
        aria-label={`Deny all of ${row.name}'s requests`}
      >
        Deny all…
      </Button>
    </div>
  );
}

export function AppQueueTable({
  page,
  partners,
  admins,
  me,
}: {
  page: Page<AppQueueRow>;
  partners: { id: string; name: string }[];
  admins: Admin[];
  me: string;
}) {
  const [outcome, setOutcome] = useState<ActionState>({ status: "idle" });
  // The page's render time: "waiting" is measured against it, the same on server and browser.
  const [now] = useState(() => Date.now());
  return (
    <div className="space-y-3">
      <FormMessage status={outcome.status} message={outcome.message} />
      <DataTable
        caption="Pending requests by app"
        columns={columnsFor(admins, me, setOutcome, now)}
        page={page}
        url={appQueueTableUrl}
        getRowId={(r) => r.id}
        empty="No pending requests match these filters."
        renderSubRow={(r) =>
          r.lints.length ? (
            <ul className="space-y-0.5 text-xs text-amber-800" aria-label={`Lints for ${r.name}`}>
              {r.lints.map((l, i) => (
                <li key={`${l.rule}-${i}`}>⚠ {l.message}</li>
              ))}
            </ul>
          ) : null
        }
        toolbar={
          <>
            <TableSearch label="Search" placeholder="App or partner" />
            <TableFilter name="risk" label="Highest risk" options={RISK_FILTER_OPTIONS} />
            <TableFilter
              name="template"
              label="Template"
              options={SCOPE_TEMPLATES.map((t) => ({ value: t.key, label: t.name }))}
            />
            <TableFilter
              name="partner"
              label="Partner"
              options={partners.map((p) => ({ value: p.id, label: p.name }))}
            />
            <TableFilter
              name="assignee"
              label="Assignee"
              options={[
                { value: "me", label: "Me" },
                { value: "none", label: "Unassigned" },
                ...admins.map((a) => ({ value: a.id, label: a.name })),
              ]}
            />
            <TableFilter
              name="due"
              label="Due"
              options={[
                { value: "overdue", label: "Overdue" },
                { value: "soon", label: "Due soon or overdue" },
              ]}
            />
          </>
        }
      />
    </div>
  );
}
