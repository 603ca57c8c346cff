"use client";
// An app's registration at the authorization server, as partners and admins see it: in sync at
// which grants version, pending, or failed with the server's own words, and a retry button.
import { FormMessage } from "@/components/form/form-message";
import { useAction } from "@/components/form/use-action";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { ServerAction } from "@/lib/server/action";
import type { AuthServerStatusView } from "./status-view";

type AppAction = ServerAction<{ appId: string }, unknown>;

const STATES: Record<AuthServerStatusView["state"], [string, Tone]> = {
  in_sync: ["In sync", "green"],
  pending: ["Pending", "amber"],
  failed: ["Failed", "red"],
  not_provisioned: ["Not provisioned", "neutral"],
};

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "");

export function AuthServerStatus({
  appId,
  status,
  retry,
  restore,
}: {
  appId: string;
  status: AuthServerStatusView;
  retry: AppAction;
  /** Admins only: send the approved set back after drift. */
  restore?: AppAction;
}) {
  const [label, tone] = STATES[status.state];
  return (
    <Card>
      <CardHeader
        title="Authorization server"
        description="The app's registration where tokens are issued: its scopes are exactly the approved ones."
      />
      <CardBody className="space-y-3 text-sm">
        <div className="flex items-center gap-2">
          <Badge tone={tone}>{label}</Badge>
          {status.state === "in_sync" ? (
            <span className="text-slate-600">
              at grants version {status.syncedVersion}
              {status.isRegistered ? "" : " (not registered: nothing it may use yet)"}
            </span>
          ) : null}
        </div>
        {status.state === "pending" ? (
          <p className="text-slate-600">
            Grants version {status.grantsVersion} is on its way (since {when(status.pendingSince)}).
          </p>
        ) : null}
        {status.state === "failed" ? (
          <div className="space-y-1">
            <p className="text-slate-700">
              Grants version {status.grantsVersion} did not reach it after {status.attempts}{" "}
              attempt(s); next try {when(status.nextAttemptAt)}. The server said:
            </p>
            <pre className="rounded bg-red-50 p-2 font-mono text-xs break-all whitespace-pre-wrap text-red-900">
              {status.lastError}
            </pre>
          </div>
        ) : null}
        {status.driftScopes.length ? (
          <div role="alert" className="space-y-1 rounded-md bg-red-50 p-2 text-red-900">
            <p>The authorization server allows scopes that were never approved:</p>
            <ul className="font-mono text-xs">
              {status.driftScopes.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="flex flex-wrap gap-2">
          {status.state !== "in_sync" ? (
            <ActionButton appId={appId} action={retry} label="Retry now" busy="Sending…" />
          ) : null}
          {restore && status.driftScopes.length ? (
            <ActionButton
              appId={appId}
              action={restore}
              label="Restore approved set"
              busy="Restoring…"
              variant="danger"
            />
          ) : null}
        </div>
      </CardBody>
    </Card>
  );
}

function ActionButton({
  appId,
  action,
  label,
  busy,
  variant = "secondary",
}: {
  appId: string;
  action: AppAction;
  label: string;
  busy: string;
  variant?: "secondary" | "danger";
}) {
  const { state, execute, isPending } = useAction(action);
  return (
    <div className="space-y-2">
      <FormMessage status={state.status} message={state.message} />
      <Button size="sm" variant={variant} disabled={isPending} onClick={() => execute({ appId })}>
        {isPending ? busy : label}
      </Button>
    </div>
  );
}
