"use client";
import { useAction } from "@/components/form/use-action";
import { Button } from "@/components/ui/button";
import { markAllReadAction } from "./actions";

export function MarkAllReadButton() {
  const { execute, isPending } = useAction(markAllReadAction);
  return (
    <Button variant="secondary" size="sm" disabled={isPending} onClick={() => void execute()}>
      {isPending ? "Marking…" : "Mark all as read"}
    </Button>
  );
}
