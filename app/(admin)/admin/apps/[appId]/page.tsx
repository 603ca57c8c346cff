import { CheckKeysNow } from "@/components/apps/check-keys-now";
import { KeyList, KeyProblemBanner } from "@/components/apps/key-check";
import { getKeyCheck, hasCheckableKeys } from "@/lib/jwks/queries";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReasonAction } from "@/components/form/reason-action";
import { PageHeader } from "@/components/layout/page-header";
import { AppStatusBadge, RiskBadge, ScopeStateBadge } from "@/components/scopes/badges";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { isLiveScopeState } from "@/lib/approvals/rules";
import { getAppForAdmin } from "@/lib/apps/queries";
import { appTypeLabel, clientTypeLabel } from "@/lib/apps/rules";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { explainScope, parseScope } from "@/lib/scopes";
import { findPeopleByIds } from "@/lib/users/queries";
import { GrantEvidence } from "@/components/scopes/grant-evidence";
import { findAppDeniedHints, getGrantEvidence } from "@/lib/apps/usage-evidence";
import { AuthServerStatus } from "@/components/provisioning/auth-server-status";
import { toStatusView } from "@/components/provisioning/status-view";
import { getProvisioningStatus } from "@/lib/provisioning/status";
import {
  approveRenewalAction,
  checkKeysAction,
  restoreApprovedScopesAction,
  retryProvisioningAction,
  revokeAllAction,
  revokeGrantAction,
  setAppStatusAction,
} from "../actions";

export const metadata: Metadata = { title: "App" };

export default async function AdminAppPage({ params }: { params: Promise<{ appId: string }> }) {
  const { appId } = await params;
  await requirePageUser(["admin"], `/admin/apps/${appId}`);
  const db = getDb();
  const app = await getAppForAdmin(db, appId).catch((error) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const people = await findPeopleByIds(
    db,
    app.scopes.flatMap((s) => s.events.map((e) => e.actorId)),
  );
  const who = (id: string | null) =>
    id
      ? people.get(id)
        ? `${people.get(id)!.name} (${people.get(id)!.role})`
        : "a former user"
      : "the portal";
  const live = app.scopes.filter((s) => isLiveScopeState(s.state));
  const now = new Date();
  const hasKeys = hasCheckableKeys(app);
  const [evidence, denied, keyCheck, asStatus] = await Promise.all([
    getGrantEvidence(db, app.scopes, now),
    findAppDeniedHints(db, app.id, now),
    hasKeys ? getKeyCheck(db, app.id) : null,
    getProvisioningStatus(db, app),
  ]);
  return (
    <>
      <PageHeader
        title={app.name}
        description={
          <>
            {app.organization.name} · {appTypeLabel[app.appType]} ·{" "}
            {clientTypeLabel[app.clientType]} · <span className="font-mono">{app.clientId}</span>
          </>
        }
        actions={<AppStatusBadge status={app.status} />}
      />
      {app.status === "suspended" ? (
        <p role="alert" className="mb-6 rounded-md bg-red-50 px-4 py-3 text-sm text-red-800">
          Suspended {formatDateTime(app.statusChangedAt)}: {app.statusReason}
        </p>
      ) : null}
      {app.organization.status === "suspended" ? (
        <p role="alert" className="mb-6 rounded-md bg-red-50 px-4 py-3 text-sm text-red-800">
          The partner organisation is suspended: {app.organization.statusReason}
        </p>
      ) : null}
      <KeyProblemBanner check={keyCheck} isPasted={!app.jwksUrl} />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <Card>
          <CardHeader
            title="Scopes and why each exists"
            description="Every grant and request with its reason and history."
          />
          <ul className="divide-y divide-slate-100" aria-label="Scopes">
            {app.scopes.map((s) => (
              <li key={s.id} className="space-y-1.5 px-5 py-3" data-scope={s.scope}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <code className="font-mono text-sm break-all">{s.scope}</code>
                  <div className="flex items-center gap-2">
                    <RiskBadge level={s.risk} />
                    <ScopeStateBadge state={s.state} />
                  </div>
                </div>
                <p className="text-sm text-slate-600">{explainScope(parseScope(s.scope))}</p>
                {s.state === "granted" ? (
                  <GrantEvidence
                    grant={{
                      ...evidence.usageOf(s.id),
                      expiresAt: s.expiresAt,
                      grantedAt: s.grantedAt,
                    }}
                    now={now}
                    unusedAfterDays={evidence.unusedAfterDays}
                  />
                ) : null}
                {s.stateReason ? (
                  <p className="text-sm text-slate-800">
                    <span className="font-medium">Why:</span> {s.stateReason}
                  </p>
                ) : null}
                <details className="text-xs text-slate-600">
                  <summary className="cursor-pointer font-medium text-slate-500">
                    History ({s.events.length})
                  </summary>
                  <ol className="mt-1 space-y-1 border-l-2 border-slate-200 pl-3">
                    {s.events.map((e) => (
                      <li key={e.id}>
                        {e.fromState ? `${e.fromState} → ` : ""}
                        {e.toState} by {who(e.actorId)}, {formatDateTime(e.createdAt)}
                        {e.reason ? ` — ${e.reason}` : ""}
                      </li>
                    ))}
                  </ol>
                </details>
                {s.state === "granted" && s.renewalRequestedAt ? (
                  <div className="rounded-md bg-violet-50 p-2 text-sm text-violet-900">
                    <p className="mb-2">
                      Renewal requested {formatDateTime(s.renewalRequestedAt)}. Its history and
                      usage are above; the renewal follows the policy in force.
                    </p>
                    <ReasonAction
                      label="Approve renewal"
                      ariaLabel={`Approve renewal of ${s.scope}`}
                      confirmLabel="Approve renewal"
                      variant="primary"
                      isReasonOptional
                      prompt="Comment (optional)"
                      action={approveRenewalAction}
                      input={{ appScopeId: s.id }}
                    />
                  </div>
                ) : null}
                {s.state === "granted" ? (
                  <ReasonAction
                    label="Revoke"
                    ariaLabel={`Revoke ${s.scope}`}
                    confirmLabel="Revoke now"
                    prompt="Why is this grant revoked? The partner reads it."
                    action={revokeGrantAction}
                    input={{ appScopeId: s.id }}
                  />
                ) : s.state === "pending" ? (
                  <Link
                    href={`/admin/approvals/${s.id}`}
                    className="text-sm text-brand-700 hover:underline"
                  >
                    Decide this request
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
        <div className="space-y-6">
          {hasKeys ? (
            <Card>
              <CardHeader
                title="Signing keys"
                description={app.jwksUrl ?? "Pasted at registration"}
              />
              <CardBody className="space-y-3">
                <KeyList check={keyCheck} />
                <CheckKeysNow appId={app.id} action={checkKeysAction} />
              </CardBody>
            </Card>
          ) : null}
          {denied.length ? (
            <Card>
              <CardHeader
                title="Keeps asking for"
                description="Denied decisions in the last 30 days, by the scope the request needed: this app keeps asking for what it lacks."
              />
              <ul className="divide-y divide-slate-100 text-sm" aria-label="Denied scopes">
                {denied.map((d) => (
                  <li key={d.scope} className="px-5 py-2">
                    <code className="font-mono text-xs break-all">{d.scope}</code>
                    <span className="block text-xs text-slate-600">
                      {d.count.toLocaleString("en")} denied, last {formatDateTime(d.lastDeniedAt)}
                    </span>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
          <Card>
            <CardHeader title="Actions" />
            <CardBody className="space-y-3">
              {app.status === "active" ? (
                <ReasonAction
                  label="Suspend app"
                  confirmLabel="Suspend now"
                  prompt="Why is the app suspended? The partner reads it."
                  action={setAppStatusAction}
                  input={{ appId: app.id, status: "suspended" }}
                />
              ) : (
                <ReasonAction
                  label="Reinstate app"
                  confirmLabel="Reinstate"
                  variant="primary"
                  isReasonOptional
                  prompt="Comment (optional)"
                  action={setAppStatusAction}
                  input={{ appId: app.id, status: "active" }}
                />
              )}
              {live.length ? (
                <ReasonAction
                  label="Revoke every grant"
                  confirmLabel="Revoke all now"
                  prompt="Why is all access revoked? The partner reads it."
                  action={revokeAllAction}
                  input={{ appId: app.id }}
                />
              ) : null}
            </CardBody>
          </Card>
          <AuthServerStatus
            appId={app.id}
            status={toStatusView(asStatus)}
            retry={retryProvisioningAction}
            restore={restoreApprovedScopesAction}
          />
          <Card>
            <CardHeader title="Partner" />
            <CardBody className="text-sm">
              <Link
                href={`/admin/partners/${app.organization.id}`}
                className="text-brand-700 hover:underline"
              >
                {app.organization.name}
              </Link>
              <p className="mt-2 text-slate-600">Registered {formatDateTime(app.createdAt)}</p>
            </CardBody>
          </Card>
        </div>
      </div>
    </>
  );
}
