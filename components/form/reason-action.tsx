"use client";
import { useId, useState, useTransition } from "react";
import type { ActionState } from "@/lib/server/action";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { useFlash } from "../layout/flash";
import { inputClass } from "./field";

/** A consequential action that asks for a reason (shown to the partner) before it runs. */
export function ReasonAction({
  label,
  confirmLabel,
  prompt,
  action,
  variant = "danger",
  isReasonOptional,
  ariaLabel,
}: {
  label: string;
  confirmLabel: string;
  prompt: string;
  action: (reason: string) => Promise<ActionState>;
  variant?: "danger" | "primary" | "secondary";
  isReasonOptional?: boolean;
  ariaLabel?: string;
}) {
  const id = useId();
  const [isOpen, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [result, setResult] = useState<ActionState | null>(null);
  const [isPending, startTransition] = useTransition();
  const flash = useFlash();
  const run = () =>
    startTransition(async () => {
      const outcome = await action(reason);
      if (outcome.status === "success") {
        // Announced by the page-level flash, which outlives this control if the page re-renders without it.
        if (outcome.message) flash(outcome.message);
        setOpen(false);
        setReason("");
        setResult(null);
      } else {
        setResult(outcome);
      }
    });
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
  const error =
    result?.status === "error" ? (result.fieldErrors?.reason?.[0] ?? result.message) : null;
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
          setResult(null);
        }}
      >
        Cancel
      </Button>
    </div>
  );
}
