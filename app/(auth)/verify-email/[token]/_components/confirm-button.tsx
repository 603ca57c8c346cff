"use client";
import Link from "next/link";
import { FormMessage } from "@/components/form/form-message";
import { useAction } from "@/components/form/use-action";
import { Button } from "@/components/ui/button";
import { verifyEmailAction } from "../actions";

export function ConfirmEmailButton({ token }: { token: string }) {
  const { state, execute, isPending } = useAction(verifyEmailAction);
  return (
    <div className="space-y-4">
      <FormMessage status={state.status} message={state.message} />
      {state.status === "success" ? (
        <Link href="/sign-in" className="text-sm font-medium text-brand-700 hover:underline">
          Go to sign in
        </Link>
      ) : (
        <Button className="w-full" disabled={isPending} onClick={() => void execute({ token })}>
          {isPending ? "Confirming…" : "Confirm my address"}
        </Button>
      )}
    </div>
  );
}
