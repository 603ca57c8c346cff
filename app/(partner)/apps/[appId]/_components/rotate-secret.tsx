"use client";
import { useState } from "react";
import { FormMessage } from "@/components/form/form-message";
import { useAction } from "@/components/form/use-action";
import { Button } from "@/components/ui/button";
import { CopyValue } from "@/components/ui/copy-value";
import { rotateSecretAction } from "../actions";

export function RotateSecret({ appId }: { appId: string }) {
  const { state, execute, isPending } = useAction(rotateSecretAction);
  const [isConfirming, setConfirming] = useState(false);
  const secret = state.status === "success" ? state.data.clientSecret : null;

  return (
    <div className="space-y-3">
      <FormMessage status={state.status} message={state.message} />
      {secret ? (
        <div className="space-y-2">
          <CopyValue label="New client secret" value={secret} isSecret />
          <p className="text-sm text-amber-800">
            Shown once. Update the app&apos;s configuration now.
          </p>
        </div>
      ) : null}
      {isConfirming ? (
        <div
          className="flex flex-wrap items-center gap-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900"
          role="group"
          aria-label="Confirm rotation"
        >
          <span>The current secret stops working immediately. Rotate?</span>
          <Button
            variant="danger"
            size="sm"
            disabled={isPending}
            onClick={async () => {
              await execute({ appId });
              setConfirming(false);
            }}
          >
            {isPending ? "Rotating…" : "Yes, rotate the secret"}
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button variant="secondary" size="sm" onClick={() => setConfirming(true)}>
          Rotate client secret
        </Button>
      )}
    </div>
  );
}
