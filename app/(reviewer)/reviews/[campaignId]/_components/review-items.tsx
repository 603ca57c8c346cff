"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { Pagination } from "@/components/data-table/pagination";
import { TableFilter, TableSearch, TableSort } from "@/components/data-table/toolbar";
import { TableUrlScope, useTableUrl } from "@/components/data-table/use-table-url";
import { FormMessage } from "@/components/form/form-message";
import { useAction } from "@/components/form/use-action";
import { RISK_FILTER_OPTIONS } from "@/components/scopes/risk";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ReviewItemRow } from "@/lib/reviews/queries";
import type { ActionState } from "@/lib/server/action";
import type { Page } from "@/lib/tables/query";
import { ReasonAction } from "@/components/form/reason-action";
import { bulkCertifyLowRiskAction, bulkRevokeUnusedAction, decideItemAction } from "../../actions";
import { reviewItemsUrl } from "../search-params";
import { DecisionDialog, type DialogKind } from "./decision-dialog";
import { ReviewItemCard } from "./review-item-card";

type Props = {
  campaignId: string;
  isOpen: boolean;
  page: Page<ReviewItemRow>;
  status: "pending" | "decided" | "all";
  lowRiskPending: number;
  unusedPending: number;
  now: Date;
};

export function ReviewItems(props: Props) {
  return (
    <TableUrlScope contract={reviewItemsUrl}>
      <ReviewItemsInner {...props} />
    </TableUrlScope>
  );
}

const STATUS_OPTIONS = [
  { value: "pending", label: "Waiting for me" },
  { value: "decided", label: "Answered" },
  { value: "all", label: "All" },
];
const SORT_OPTIONS = [
  { id: "risk", desc: true, label: "Risk, highest first" },
  { id: "risk", desc: false, label: "Risk, lowest first" },
  { id: "app", desc: false, label: "App, A to Z" },
  { id: "app", desc: true, label: "App, Z to A" },
  { id: "partner", desc: false, label: "Partner, A to Z" },
  { id: "partner", desc: true, label: "Partner, Z to A" },
  { id: "scope", desc: false, label: "Scope, A to Z" },
  { id: "scope", desc: true, label: "Scope, Z to A" },
];

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

const USAGE_OPTIONS = [{ value: "unused", label: "Unused grants only" }];

function ReviewItemsInner({
  campaignId,
  isOpen,
  page,
  status,
  lowRiskPending,
  unusedPending,
  now,
}: Props) {
  const url = useTableUrl();
  const [active, setActive] = useState(0);
  const [dialog, setDialog] = useState<{ kind: DialogKind; item: ReviewItemRow } | null>(null);
  const [outcome, setOutcome] = useState<ActionState>({ status: "idle" });
  const { execute: decide, isPending: isDeciding } = useAction(decideItemAction);
  const certifyAll = useAction(bulkCertifyLowRiskAction);
  const isPending = isDeciding || certifyAll.isPending;
  const refs = useRef<(HTMLElement | null)[]>([]);
  // After a decision the answered item leaves the list: keyboard focus moves on to the next one.
  const refocus = useRef(false);
  const rows = page.rows;
  const current = rows[Math.min(active, rows.length - 1)];

  const focusItem = useCallback(
    (index: number) => {
      const next = Math.max(0, Math.min(rows.length - 1, index));
      setActive(next);
      refs.current[next]?.focus();
    },
    [rows.length],
  );

  const run = useCallback(
    (input: Parameters<typeof decideItemAction>[0]) =>
      decide(input).then((result) => {
        refocus.current = result.status === "success";
        setOutcome(result);
        return result;
      }),
    [decide],
  );

  useEffect(() => {
    if (!refocus.current || rows.length === 0) return;
    refocus.current = false;
    refs.current[Math.min(active, rows.length - 1)]?.focus();
  }, [rows, active]);

  // The dialog hands focus back to the item when it closes (components/ui/modal).
  const closeDialog = () => setDialog(null);

  const certify = useCallback(
    (item: ReviewItemRow) => void run({ kind: "certify", itemId: item.id }),
    [run],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (dialog || isTyping(event.target) || event.metaKey || event.ctrlKey || event.altKey)
        return;
      const pendingItem = current && current.decision === "pending" && isOpen ? current : null;
      if (event.key === "j") focusItem(active + 1);
      else if (event.key === "k") focusItem(active - 1);
      else if (event.key === "c" && pendingItem) certify(pendingItem);
      else if (event.key === "r" && pendingItem) setDialog({ kind: "revoke", item: pendingItem });
      else if (event.key === "n" && pendingItem) setDialog({ kind: "narrow", item: pendingItem });
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [active, certify, current, dialog, focusItem, isOpen]);

  const bulk = () => void certifyAll.execute({ campaignId }).then(setOutcome);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <TableSearch label="Search" placeholder="Scope, app or partner" />
        <TableFilter name="status" label="Show" options={STATUS_OPTIONS} allLabel={null} />
        <TableFilter name="risk" label="Risk" options={RISK_FILTER_OPTIONS} />
        <TableFilter name="usage" label="Usage" options={USAGE_OPTIONS} />
        <TableSort options={SORT_OPTIONS} />
        {isOpen && lowRiskPending > 0 ? (
          <Button variant="secondary" onClick={bulk} disabled={isPending}>
            {isPending ? "Working…" : `Certify all low-risk (${lowRiskPending})`}
          </Button>
        ) : null}
        {isOpen && unusedPending > 0 ? (
          <ReasonAction
            label={`Revoke all unused (${unusedPending})`}
            confirmLabel="Revoke unused now"
            prompt="Why are the unused grants revoked? The partners read it."
            action={bulkRevokeUnusedAction}
            input={{ campaignId }}
          />
        ) : null}
      </div>
      <p className="text-xs text-slate-500">
        Keyboard: <kbd className="font-mono">j</kbd>/<kbd className="font-mono">k</kbd>{" "}
        next/previous item, <kbd className="font-mono">c</kbd> certify,{" "}
        <kbd className="font-mono">r</kbd> revoke, <kbd className="font-mono">n</kbd> narrow.
      </p>
      <FormMessage status={outcome.status} message={outcome.message} />
      {rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600">
          {status === "all" || page.total > 0
            ? "No items match these filters."
            : "Nothing left to review here: every item assigned to you is answered."}
        </div>
      ) : (
        <ol
          className={cn(
            "space-y-3 transition-opacity",
            (url.isPending || isPending) && "opacity-60",
          )}
          aria-label="Review items"
          aria-busy={url.isPending || isPending || undefined}
        >
          {rows.map((item, index) => (
            <li key={item.id}>
              <ReviewItemCard
                ref={(el) => {
                  refs.current[index] = el;
                }}
                item={item}
                now={now}
                isActive={index === active}
                canDecide={isOpen && item.decision === "pending"}
                isBusy={isPending}
                onFocus={() => setActive(index)}
                onCertify={() => certify(item)}
                onRevoke={() => setDialog({ kind: "revoke", item })}
                onNarrow={() => setDialog({ kind: "narrow", item })}
              />
            </li>
          ))}
        </ol>
      )}
      <Pagination page={page} />
      {dialog ? (
        <DecisionDialog
          kind={dialog.kind}
          item={dialog.item}
          onCancel={closeDialog}
          returnFocus={() => refs.current[Math.min(active, rows.length - 1)]}
          onSubmit={async (value) => {
            const result = await run(
              dialog.kind === "revoke"
                ? { kind: "revoke", itemId: dialog.item.id, reason: value.reason }
                : {
                    kind: "narrow",
                    itemId: dialog.item.id,
                    narrowedScope: value.scope,
                    reason: value.reason,
                  },
            );
            if (result.status === "success") closeDialog();
            return result;
          }}
        />
      ) : null}
    </div>
  );
}
