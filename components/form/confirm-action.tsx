"use client";
import { useState, useTransition } from "react";
import type { ActionState } from "@/lib/server/action";
import { useFlash } from "../layout/flash";
import { Button } from "../ui/button";

/** A small destructive action with an inline confirmation and its outcome announced. */
export function ConfirmAction({
  label,
  confirmLabel,
  question,
  action,
  ariaLabel,
}: {
  label: string;
  confirmLabel: string;
  question: string;
  action: () => Promise<ActionState>;
  ariaLabel?: string;
}) {
  const [isConfirming, setConfirming] = useState(false);
  const [result, setResult] = useState<ActionState | null>(null);
  const [isPending, startTransition] = useTransition();
  const flash = useFlash();
  if (result?.status === "error") {
    return (
      <span role="alert" className="text-sm text-red-700">
        {result.message}
      </span>
    );
  }
  if (!isConfirming) {
    return (
      <Button variant="ghost" size="sm" onClick={() => setConfirming(true)} aria-label={ariaLabel}>
        {label}
      </Button>
    );
  }
  return (
    <span
      role="group"
      aria-label={question}
      className="inline-flex flex-wrap items-center gap-2 text-sm"
    >
      <span className="text-slate-700">{question}</span>
      <Button
        variant="danger"
        size="sm"
        disabled={isPending}
        onClick={() =>
          startTransition(async () => {
            const outcome = await action();
            if (outcome.status === "success") {
              if (outcome.message) flash(outcome.message);
              setConfirming(false);
            } else {
              setResult(outcome);
            }
          })
        }
      >
        {isPending ? "Working…" : confirmLabel}
      </Button>
      <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
        Cancel
      </Button>
    </span>
  );
}
