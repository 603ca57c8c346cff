"use client";
import { useTransition } from "react";
import { useFlash } from "@/components/layout/flash";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/server/action";

export function RedeliverButton({
  action,
  label,
}: {
  action: () => Promise<ActionState>;
  label: string;
}) {
  const [isPending, startTransition] = useTransition();
  const flash = useFlash();
  return (
    <Button
      variant="ghost"
      size="sm"
      aria-label={label}
      disabled={isPending}
      onClick={() =>
        startTransition(async () => {
          const result = await action();
          if (result.message) flash(result.message);
        })
      }
    >
      {isPending ? "Queuing…" : "Redeliver"}
    </Button>
  );
}
