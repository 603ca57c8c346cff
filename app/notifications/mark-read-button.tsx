"use client";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { markAllReadAction } from "./actions";

export function MarkAllReadButton() {
  const [isPending, startTransition] = useTransition();
  return (
    <Button
      variant="secondary"
      size="sm"
      disabled={isPending}
      onClick={() => startTransition(async () => void (await markAllReadAction()))}
    >
      {isPending ? "Marking…" : "Mark all as read"}
    </Button>
  );
}
