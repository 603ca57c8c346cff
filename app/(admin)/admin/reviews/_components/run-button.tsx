"use client";
import { useTransition } from "react";
import { useFlash } from "@/components/layout/flash";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/server/action";
import { useState } from "react";

/** A one-click action whose outcome is announced (errors stay next to the button). */
export function RunButton({
  label,
  pendingLabel,
  action,
  variant = "secondary",
  ariaLabel,
}: {
  label: string;
  pendingLabel: string;
  action: () => Promise<ActionState>;
  variant?: "primary" | "secondary";
  ariaLabel?: string;
}) {
  const [isPending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const flash = useFlash();
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button
        size="sm"
        variant={variant}
        disabled={isPending}
        aria-label={ariaLabel}
        onClick={() =>
          startTransition(async () => {
            const outcome = await action();
            if (outcome.status === "success") {
              setError(null);
              if (outcome.message) flash(outcome.message);
            } else setError(outcome.message ?? "That did not work.");
          })
        }
      >
        {isPending ? pendingLabel : label}
      </Button>
      {error ? (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
