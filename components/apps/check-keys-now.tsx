"use client";
import { FormMessage } from "@/components/form/form-message";
import { useAction } from "@/components/form/use-action";
import { Button } from "@/components/ui/button";
import type { ServerAction } from "@/lib/server/action";

/** Runs the scheduled key check for this one app now; the page shows the new result. */
export function CheckKeysNow({
  appId,
  action,
}: {
  appId: string;
  action: ServerAction<{ appId: string }, unknown>;
}) {
  const { state, execute, isPending } = useAction(action);
  return (
    <div className="space-y-2">
      <FormMessage status={state.status} message={state.message} />
      <Button variant="secondary" size="sm" disabled={isPending} onClick={() => execute({ appId })}>
        {isPending ? "Checking…" : "Check keys now"}
      </Button>
    </div>
  );
}
