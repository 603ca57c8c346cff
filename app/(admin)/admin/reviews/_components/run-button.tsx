"use client";
import { useAction } from "@/components/form/use-action";
import type { ServerAction } from "@/lib/server/action";
import { Button } from "@/components/ui/button";

/** A one-click action whose outcome is announced (errors stay next to the button). */
export function RunButton<I>({
  label,
  pendingLabel,
  action,
  input,
  variant = "secondary",
  ariaLabel,
}: {
  label: string;
  pendingLabel: string;
  action: ServerAction<I, unknown>;
  input: NoInfer<I>;
  variant?: "primary" | "secondary";
  ariaLabel?: string;
}) {
  const { state, execute, isPending } = useAction(action, { flash: true, focusOnError: false });
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button
        size="sm"
        variant={variant}
        disabled={isPending}
        aria-label={ariaLabel}
        onClick={() => void execute(input)}
      >
        {isPending ? pendingLabel : label}
      </Button>
      {state.status === "error" ? (
        <span role="alert" className="text-sm text-red-700">
          {state.message}
        </span>
      ) : null}
    </span>
  );
}
