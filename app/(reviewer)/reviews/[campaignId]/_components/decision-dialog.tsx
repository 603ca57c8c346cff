"use client";
import { useId, useState, useTransition } from "react";
import { inputClass } from "@/components/form/field";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/modal";
import type { ReviewItemRow } from "@/lib/reviews/queries";
import type { ActionState } from "@/lib/server/action";

export type DialogKind = "revoke" | "narrow";

/**
 * Asks for what a revoke or narrow needs, in a modal; Escape cancels, Enter in the last field
 * submits. When it closes, focus goes to `returnFocus()` (the item it was opened for).
 */
export function DecisionDialog({
  kind,
  item,
  onCancel,
  onSubmit,
  returnFocus,
}: {
  kind: DialogKind;
  item: ReviewItemRow;
  onCancel: () => void;
  onSubmit: (value: { reason: string; scope: string }) => Promise<ActionState>;
  returnFocus?: () => HTMLElement | null | undefined;
}) {
  const id = useId();
  const [reason, setReason] = useState("");
  const [scope, setScope] = useState(item.scope);
  const [result, setResult] = useState<ActionState | null>(null);
  const [isPending, startTransition] = useTransition();
  const isRevoke = kind === "revoke";
  const errors = result?.status === "error" ? (result.fieldErrors ?? {}) : {};
  const formError =
    result?.status === "error" && !errors.reason && !errors.narrowedScope ? result.message : null;
  const submit = () => startTransition(async () => setResult(await onSubmit({ reason, scope })));
  return (
    <Modal onClose={onCancel} labelledBy={`${id}-title`} returnFocus={returnFocus}>
      <div className="space-y-4 p-5">
        <div>
          <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
            {isRevoke ? "Revoke this grant" : "Narrow this grant"}
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            <span className="font-mono">{item.scope}</span> for {item.app.name} ({item.partner.name}
            ).{" "}
            {isRevoke
              ? "It ends at once; the partner is told why."
              : "The app gets the narrower scope instead, at once."}
          </p>
        </div>
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          {!isRevoke ? (
            <div className="space-y-1">
              <label htmlFor={`${id}-scope`} className="block text-sm font-medium text-slate-800">
                Narrower scope
              </label>
              <input
                id={`${id}-scope`}
                className={`${inputClass} font-mono`}
                value={scope}
                onChange={(e) => setScope(e.target.value)}
                autoFocus
                aria-invalid={errors.narrowedScope ? true : undefined}
              />
              <p className="text-xs text-slate-500">
                Keep the context; pick a resource type, fewer permissions, or add a search
                restriction (e.g. ?category=vital-signs).
              </p>
              {errors.narrowedScope ? (
                <p role="alert" className="text-sm text-red-700">
                  {errors.narrowedScope.join(" ")}
                </p>
              ) : null}
            </div>
          ) : null}
          <div className="space-y-1">
            <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-800">
              {isRevoke
                ? "Reason for revoking (the partner reads it)"
                : "Reason (optional, the partner reads it)"}
            </label>
            <textarea
              id={`${id}-reason`}
              className={`${inputClass} min-h-20`}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              autoFocus={isRevoke}
              maxLength={1000}
              aria-invalid={errors.reason ? true : undefined}
            />
            {errors.reason ? (
              <p role="alert" className="text-sm text-red-700">
                {errors.reason.join(" ")}
              </p>
            ) : null}
          </div>
          {formError ? (
            <p role="alert" className="text-sm text-red-700">
              {formError}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" variant={isRevoke ? "danger" : "primary"} disabled={isPending}>
              {isPending ? "Working…" : isRevoke ? "Revoke grant" : "Narrow grant"}
            </Button>
          </div>
        </form>
      </div>
    </Modal>
  );
}
