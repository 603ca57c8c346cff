"use client";
import { useAction } from "@/components/form/use-action";
import { Button } from "@/components/ui/button";
import type { WebhookActions } from "@/lib/server/webhook-actions";

export function RedeliverButton({
  action,
  input,
  label,
}: {
  action: WebhookActions["redeliver"];
  input: { deliveryId: string };
  label: string;
}) {
  const { state, execute, isPending } = useAction(action, { flash: true, focusOnError: false });
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        aria-label={label}
        disabled={isPending}
        onClick={() => void execute(input)}
      >
        {isPending ? "Queuing…" : "Redeliver"}
      </Button>
      {state.status === "error" ? (
        <span role="alert" className="block text-sm text-red-700">
          {state.message}
        </span>
      ) : null}
    </>
  );
}
