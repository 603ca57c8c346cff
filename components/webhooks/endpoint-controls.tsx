"use client";
import { useState } from "react";
import { ConfirmAction } from "@/components/form/confirm-action";
import { FormMessage } from "@/components/form/form-message";
import { useAction } from "@/components/form/use-action";
import { Button } from "@/components/ui/button";
import { CopyValue } from "@/components/ui/copy-value";
import type { ActionState } from "@/lib/server/action";
import type { WebhookActions } from "@/lib/server/webhook-actions";

type Props = {
  endpointId: string;
  isActive: boolean;
  sendTest: WebhookActions["sendTest"];
  rotate: WebhookActions["rotateSecret"];
  setActive: WebhookActions["setActive"];
  remove: WebhookActions["deleteEndpoint"];
};

/** Test, rotate, disable/enable and delete one endpoint; a rotated secret is shown once. */
export function EndpointControls({
  endpointId,
  isActive,
  sendTest,
  rotate,
  setActive,
  remove,
}: Props) {
  // One message line for the three controls: the latest outcome of any of them.
  const [state, setState] = useState<ActionState>({ status: "idle" });
  const [secret, setSecret] = useState<string | null>(null);
  const [isConfirmingRotate, setConfirmingRotate] = useState(false);
  const options = { focusOnError: false };
  const test = useAction(sendTest, options);
  const rotation = useAction(rotate, { ...options, onSuccess: (data) => setSecret(data.secret) });
  const activation = useAction(setActive, options);
  const isPending = test.isPending || rotation.isPending || activation.isPending;
  const run = (done: Promise<ActionState>, isRotation = false) => {
    if (!isRotation) setSecret(null);
    void done.then(setState);
  };

  return (
    <div className="space-y-3">
      <FormMessage status={state.status} message={state.message} />
      {secret ? (
        <div className="space-y-2 rounded-md bg-amber-50 p-4 ring-1 ring-amber-200">
          <CopyValue label="New signing secret" value={secret} isSecret />
          <p className="text-sm text-amber-900">
            Shown once. Deliveries carry signatures with both the new and the old secret for 24
            hours; switch your receiver within that time.
          </p>
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="secondary"
          size="sm"
          disabled={isPending || !isActive}
          onClick={() => run(test.execute({ endpointId }))}
        >
          Send test event
        </Button>
        {isConfirmingRotate ? (
          <span
            role="group"
            aria-label="Confirm rotation"
            className="inline-flex flex-wrap items-center gap-2 rounded-md bg-amber-50 px-2 py-1 text-sm text-amber-900"
          >
            New secret now; the old one signs for 24 more hours.
            <Button
              variant="danger"
              size="sm"
              disabled={isPending}
              onClick={() => {
                setConfirmingRotate(false);
                run(rotation.execute({ endpointId }), true);
              }}
            >
              Yes, rotate
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setConfirmingRotate(false)}>
              Cancel
            </Button>
          </span>
        ) : (
          <Button
            variant="secondary"
            size="sm"
            disabled={isPending}
            onClick={() => setConfirmingRotate(true)}
          >
            Rotate secret
          </Button>
        )}
        <Button
          variant="secondary"
          size="sm"
          disabled={isPending}
          onClick={() => run(activation.execute({ endpointId, active: !isActive }))}
        >
          {isActive ? "Disable" : "Enable"}
        </Button>
        <ConfirmAction
          label="Delete endpoint"
          question="Delete this endpoint and its delivery log?"
          confirmLabel="Yes, delete"
          action={remove}
          input={{ endpointId }}
        />
      </div>
    </div>
  );
}
