"use client";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { useCallback, useEffect, useRef, useState } from "react";
import { Pagination } from "@/components/data-table/pagination";
import { TableFilter, TableSearch } from "@/components/data-table/toolbar";
import { useFilterUrl, useTableUrl } from "@/components/data-table/use-table-url";
import { inputClass } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { useAction } from "@/components/form/use-action";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ReviewItemRow } from "@/lib/reviews/queries";
import type { ActionState } from "@/lib/server/action";
import type { Page } from "@/lib/tables/query";
import { bulkCertifyLowRiskAction, decideItemAction } from "../../actions";
import { DecisionDialog, type DialogKind } from "./decision-dialog";
import { ReviewItemCard } from "./review-item-card";

type Props = {
  campaignId: string;
  isOpen: boolean;
  page: Page<ReviewItemRow>;
  sort: { id: string; desc: boolean };
  status: string;
  lowRiskPending: number;
};

export function ReviewItems(props: Props) {
  return (
    <NuqsAdapter>
      <ReviewItemsInner {...props} />
    </NuqsAdapter>
  );
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

function ReviewItemsInner({ campaignId, isOpen, page, status, lowRiskPending }: Props) {
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

  const closeDialog = () => {
    setDialog(null);
    refs.current[active]?.focus();
  };

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
        <StatusFilter value={status} />
        <TableFilter
          name="risk"
          label="Risk"
          options={["critical", "high", "medium", "low"].map((v) => ({ value: v, label: v }))}
        />
        {isOpen && lowRiskPending > 0 ? (
          <Button variant="secondary" onClick={bulk} disabled={isPending}>
            {isPending ? "Working…" : `Certify all low-risk (${lowRiskPending})`}
          </Button>
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
      <Pagination
        page={page.page}
        pageCount={page.pageCount}
        perPage={page.perPage}
        total={page.total}
        onPage={url.setPage}
        onPerPage={url.setPerPage}
      />
      {dialog ? (
        <DecisionDialog
          kind={dialog.kind}
          item={dialog.item}
          onCancel={closeDialog}
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

function StatusFilter({ value }: { value: string }) {
  const filter = useFilterUrl("status");
  return (
    <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
      Show
      <select
        className={cn(inputClass, "w-auto pr-8")}
        value={value === "pending" ? "" : value}
        onChange={(e) => filter.setValue(e.target.value)}
      >
        <option value="">Waiting for me</option>
        <option value="decided">Answered</option>
        <option value="all">All</option>
      </select>
    </label>
  );
}
