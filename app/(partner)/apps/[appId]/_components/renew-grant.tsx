"use client";
import { FormMessage } from "@/components/form/form-message";
import { useAction } from "@/components/form/use-action";
import { Button } from "@/components/ui/button";
import { requestRenewalAction } from "../actions";

/** One click: the renewal goes through the policy (renewed at once, or waiting for approval). */
export function RenewGrant({ appScopeId, scope }: { appScopeId: string; scope: string }) {
  const { state, execute, isPending } = useAction(requestRenewalAction, { flash: true });
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        size="sm"
        variant="secondary"
        disabled={isPending}
        aria-label={`Renew ${scope}`}
        onClick={() => void execute({ appScopeId })}
      >
        {isPending ? "Renewing…" : "Renew"}
      </Button>
      {state.status === "error" ? (
        <FormMessage status={state.status} message={state.message} />
      ) : null}
    </div>
  );
}
