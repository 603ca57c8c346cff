"use client";
import { useState, useTransition } from "react";
import { ConfirmAction } from "@/components/form/confirm-action";
import { FormMessage } from "@/components/form/form-message";
import { Button } from "@/components/ui/button";
import { CopyValue } from "@/components/ui/copy-value";
import type { ActionState } from "@/lib/server/action";

type Props = {
  isActive: boolean;
  sendTest: () => Promise<ActionState>;
  rotate: () => Promise<ActionState>;
  setActive: (active: boolean) => Promise<ActionState>;
  remove: () => Promise<ActionState>;
};

/** Test, rotate, disable/enable and delete one endpoint; a rotated secret is shown once. */
export function EndpointControls({ isActive, sendTest, rotate, setActive, remove }: Props) {
  const [state, setState] = useState<ActionState>({ status: "idle" });
  const [isConfirmingRotate, setConfirmingRotate] = useState(false);
  const [isPending, startTransition] = useTransition();
  const secret = typeof state.data?.secret === "string" ? state.data.secret : null;
  const run = (action: () => Promise<ActionState>) =>
    startTransition(async () => setState(await action()));

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
          onClick={() => run(sendTest)}
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
                run(rotate);
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
          onClick={() => run(() => setActive(!isActive))}
        >
          {isActive ? "Disable" : "Enable"}
        </Button>
        <ConfirmAction
          label="Delete endpoint"
          question="Delete this endpoint and its delivery log?"
          confirmLabel="Yes, delete"
          action={remove}
        />
      </div>
    </div>
  );
}
