"use client";
import { useId, useState } from "react";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { inputClass } from "./field";
import type { ServerAction } from "@/lib/server/action";
import { useAction } from "./use-action";

/** A consequential action that asks for a reason (shown to the partner) before it runs. */
export function ReasonAction<I extends { reason?: string | null }>({
  label,
  confirmLabel,
  prompt,
  action,
  input,
  variant = "danger",
  isReasonOptional,
  ariaLabel,
}: {
  label: string;
  confirmLabel: string;
  prompt: string;
  action: ServerAction<I, unknown>;
  /** Everything the action needs but the reason. */
  input: NoInfer<Omit<I, "reason">>;
  variant?: "danger" | "primary" | "secondary";
  isReasonOptional?: boolean;
  ariaLabel?: string;
}) {
  const id = useId();
  const [isOpen, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  // Announced by the page-level flash, which outlives this control if the page re-renders without it.
  const { state, execute, isPending, reset } = useAction(action, {
    flash: true,
    onSuccess: () => {
      setOpen(false);
      setReason("");
    },
  });
  // The input without its reason, plus the reason, is the action's input again.
  const run = () => void execute({ ...input, reason } as I);
  if (!isOpen) {
    return (
      <Button
        variant={variant === "danger" ? "secondary" : variant}
        size="sm"
        onClick={() => setOpen(true)}
        aria-label={ariaLabel}
      >
        {label}
      </Button>
    );
  }
  const error = state.status === "error" ? (state.fieldErrors?.reason?.[0] ?? state.message) : null;
  return (
    <div
      role="group"
      aria-label={ariaLabel ?? label}
      className="flex w-full flex-wrap items-start gap-2"
    >
      <div className="min-w-64 flex-1">
        <label htmlFor={id} className="sr-only">
          {prompt}
        </label>
        <input
          id={id}
          className={cn(inputClass)}
          placeholder={prompt}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          autoFocus
          maxLength={1000}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error ? (
          <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      <Button
        variant={variant}
        size="sm"
        disabled={isPending || (!isReasonOptional && reason.trim().length < 3)}
        onClick={run}
      >
        {isPending ? "Working…" : confirmLabel}
      </Button>
      <Button
        variant="ghost"
        size="sm"
        onClick={() => {
          setOpen(false);
          reset();
        }}
      >
        Cancel
      </Button>
    </div>
  );
}
