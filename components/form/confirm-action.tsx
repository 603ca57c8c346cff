"use client";
import { useState } from "react";
import { Button } from "../ui/button";
import type { ServerAction } from "@/lib/server/action";
import { useAction } from "./use-action";

/** A small destructive action with an inline confirmation and its outcome announced. */
export function ConfirmAction<I>({
  label,
  confirmLabel,
  question,
  action,
  input,
  ariaLabel,
}: {
  label: string;
  confirmLabel: string;
  question: string;
  action: ServerAction<I, unknown>;
  input: NoInfer<I>;
  ariaLabel?: string;
}) {
  const [isConfirming, setConfirming] = useState(false);
  const { state, execute, isPending } = useAction(action, {
    flash: true,
    focusOnError: false,
    onSuccess: () => setConfirming(false),
  });
  if (state.status === "error") {
    return (
      <span role="alert" className="text-sm text-red-700">
        {state.message}
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
      <Button variant="danger" size="sm" disabled={isPending} onClick={() => void execute(input)}>
        {isPending ? "Working…" : confirmLabel}
      </Button>
      <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
        Cancel
      </Button>
    </span>
  );
}
