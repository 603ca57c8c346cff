"use client";
import { FormMessage } from "@/components/form/form-message";
import { useAction } from "@/components/form/use-action";
import { Button } from "@/components/ui/button";
import { CopyValue } from "@/components/ui/copy-value";
import { revealIssuedSecretAction } from "../actions";

/** The authorization server chose the secret itself: the partner sees it here, once. */
export function RevealIssuedSecret({ appId }: { appId: string }) {
  const { state, execute, isPending } = useAction(revealIssuedSecretAction);
  const secret = state.status === "success" ? state.data.clientSecret : null;
  return (
    <div className="space-y-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
      <FormMessage status={state.status} message={state.message} />
      {secret ? (
        <>
          <CopyValue
            label="Client secret issued by the authorization server"
            value={secret}
            isSecret
          />
          <p>Shown once. The secret you were given at registration does not work there.</p>
        </>
      ) : (
        <>
          <p>
            The authorization server issued its own client secret for this app. Show it once and
            update the app&apos;s configuration.
          </p>
          <Button
            size="sm"
            variant="secondary"
            disabled={isPending}
            onClick={() => execute({ appId })}
          >
            {isPending ? "Showing…" : "Show the client secret"}
          </Button>
        </>
      )}
    </div>
  );
}
