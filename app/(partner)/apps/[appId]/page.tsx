import { KeyList, KeyProblemBanner } from "@/components/apps/key-check";
import { getKeyCheck, hasCheckableKeys } from "@/lib/jwks/queries";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { AppStatusBadge, RiskBadge, ScopeStateBadge } from "@/components/scopes/badges";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyValue } from "@/components/ui/copy-value";
import { isLiveScopeState } from "@/lib/approvals/rules";
import { getPartnerApp } from "@/lib/apps/queries";
import { appTypeLabel, clientTypeLabel, launchModeLabel } from "@/lib/apps/rules";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { formatDateTime, formatDueDate } from "@/lib/format";
import { explainScope, parseScope } from "@/lib/scopes";
import { findPeopleByIds } from "@/lib/users/queries";
import { GrantEvidence } from "@/components/scopes/grant-evidence";
import { getGrantEvidence, type GrantEvidenceView } from "@/lib/apps/usage-evidence";
import { RenewGrant } from "./_components/renew-grant";
import { AuthServerStatus } from "@/components/provisioning/auth-server-status";
import { toStatusView } from "@/components/provisioning/status-view";
import { getProvisioningStatus } from "@/lib/provisioning/status";
import { CheckKeysNow } from "@/components/apps/check-keys-now";
import { checkKeysAction, retryProvisioningAction } from "./actions";
import { RevealIssuedSecret } from "./_components/reveal-issued-secret";
import { RotateSecret } from "./_components/rotate-secret";

export const metadata: Metadata = { title: "App" };

export default async function AppPage({
  params,
  searchParams,
}: {
  params: Promise<{ appId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { appId } = await params;
  const { changed } = await searchParams;
  const user = await requirePageUser(["partner"], `/apps/${appId}`);
  const db = getDb();
  const app = await getPartnerApp(db, user, appId).catch((error) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const actors = await findPeopleByIds(
    db,
    app.scopes.flatMap((s) => s.events.map((e) => e.actorId)),
  );
  const who = (id: string | null) => {
    const actor = id ? actors.get(id) : undefined;
    if (!actor) return "the portal";
    return actor.role === "partner"
      ? actor.name
      : actor.role === "admin"
        ? "an administrator"
        : "a reviewer";
  };
  const now = new Date();
  const hasKeys = hasCheckableKeys(app);
  const [evidence, keyCheck, asStatus] = await Promise.all([
    getGrantEvidence(db, app.scopes, now),
    hasKeys ? getKeyCheck(db, app.id) : null,
    getProvisioningStatus(db, app),
  ]);
  const live = app.scopes.filter((s) => isLiveScopeState(s.state));
  const ended = app.scopes.filter((s) => !isLiveScopeState(s.state));

  return (
    <>
      <PageHeader
        title={app.name}
        description={app.description || undefined}
        actions={
          <>
            <AppStatusBadge status={app.status} />
            {app.status === "active" ? (
              <ButtonLink href={`/apps/${app.id}/scopes`}>Change scopes</ButtonLink>
            ) : null}
          </>
        }
      />
      {changed ? (
        <p
          role="status"
          className="mb-6 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-800"
        >
          Your scope change was submitted. Removed scopes no longer apply; additions are shown below
          with what policy decided.
        </p>
      ) : null}
      {app.status === "suspended" ? (
        <p role="alert" className="mb-6 rounded-md bg-red-50 px-4 py-3 text-sm text-red-800">
          <strong>This app is suspended.</strong>{" "}
          {app.statusReason ? `Reason: ${app.statusReason}.` : ""} It has no access to the API until
          an administrator lifts the suspension.
        </p>
      ) : null}
      <KeyProblemBanner check={keyCheck} isPasted={!app.jwksUrl} />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-6">
          <ScopeList
            title="Scopes"
            description="What the app holds or has asked for, and why each stands where it does."
            scopes={live}
            who={who}
            evidence={evidence}
            now={now}
            empty="No live scopes: request some with Change scopes."
          />
          {ended.length ? (
            <ScopeList
              title="Past requests"
              description="Denied, revoked and withdrawn scopes, kept for the record."
              scopes={ended}
              who={who}
              evidence={evidence}
              now={now}
            />
          ) : null}
        </div>
        <div className="space-y-6">
          <Card>
            <CardHeader title="Credentials" />
            <CardBody className="space-y-4">
              <CopyValue label="Client id" value={app.clientId} />
              {app.clientType === "confidential" ? (
                <>
                  <p className="text-sm text-slate-600">
                    Client secret last issued {formatDateTime(app.secretRotatedAt)}.
                  </p>
                  {asStatus.hasIssuedSecret ? <RevealIssuedSecret appId={app.id} /> : null}
                  {app.status === "active" ? <RotateSecret appId={app.id} /> : null}
                </>
              ) : null}
            </CardBody>
          </Card>
          <AuthServerStatus
            appId={app.id}
            status={toStatusView(asStatus)}
            retry={retryProvisioningAction}
          />
          <Card>
            <CardHeader title="Details" />
            <CardBody>
              <dl className="space-y-3 text-sm">
                <Detail term="App type">{appTypeLabel[app.appType]}</Detail>
                <Detail term="Client type">{clientTypeLabel[app.clientType]}</Detail>
                {app.launchModes.length ? (
                  <Detail term="Launch modes">
                    {app.launchModes.map((m) => launchModeLabel[m]).join(", ")}
                  </Detail>
                ) : null}
                {app.redirectUris.length ? (
                  <Detail term="Redirect URIs">
                    <ul className="space-y-0.5">
                      {app.redirectUris.map((u) => (
                        <li key={u} className="font-mono text-xs break-all">
                          {u}
                        </li>
                      ))}
                    </ul>
                  </Detail>
                ) : null}
                {app.launchUrl ? (
                  <Detail term="Launch URL">
                    <span className="font-mono text-xs break-all">{app.launchUrl}</span>
                  </Detail>
                ) : null}
                {hasKeys ? (
                  <Detail term={app.jwksUrl ? "JWKS URL" : "Signing keys"}>
                    <span className="font-mono text-xs break-all">
                      {app.jwksUrl ?? "Pasted at registration"}
                    </span>
                    <KeyList check={keyCheck} />
                    <CheckKeysNow appId={app.id} action={checkKeysAction} />
                  </Detail>
                ) : null}
                {app.homepageUrl ? (
                  <Detail term="Homepage">
                    <a className="break-all text-brand-700 hover:underline" href={app.homepageUrl}>
                      {app.homepageUrl}
                    </a>
                  </Detail>
                ) : null}
                {app.privacyPolicyUrl ? (
                  <Detail term="Privacy policy">
                    <a
                      className="break-all text-brand-700 hover:underline"
                      href={app.privacyPolicyUrl}
                    >
                      {app.privacyPolicyUrl}
                    </a>
                  </Detail>
                ) : null}
                <Detail term="Registered">{formatDateTime(app.createdAt)}</Detail>
              </dl>
            </CardBody>
          </Card>
          <Link href="/apps" className="text-sm text-brand-700 hover:underline">
            ← All apps
          </Link>
        </div>
      </div>
    </>
  );
}

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{term}</dt>
      <dd className="mt-0.5 text-slate-800">{children}</dd>
    </div>
  );
}

type ScopeRowData = Awaited<ReturnType<typeof getPartnerApp>>["scopes"][number];

function ScopeList({
  title,
  description,
  scopes,
  who,
  evidence,
  now,
  empty,
}: {
  title: string;
  description: string;
  scopes: ScopeRowData[];
  who: (id: string | null) => string;
  evidence: GrantEvidenceView;
  now: Date;
  empty?: string;
}) {
  return (
    <Card>
      <CardHeader title={title} description={description} />
      {scopes.length === 0 ? (
        <CardBody>
          <p className="text-sm text-slate-600">{empty}</p>
        </CardBody>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label={title}>
          {scopes.map((s) => (
            <li key={s.id} className="space-y-1.5 px-5 py-3" data-scope={s.scope}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <code className="font-mono text-sm break-all text-slate-900">{s.scope}</code>
                <div className="flex items-center gap-2">
                  <RiskBadge level={s.risk} />
                  <ScopeStateBadge
                    state={s.state}
                    isNarrowed={s.decisions.some((d) => d.kind === "narrow")}
                  />
                </div>
              </div>
              <p className="text-sm text-slate-600">{explainScope(parseScope(s.scope))}</p>
              {s.state === "pending" ? (
                <p className="text-sm text-slate-800">
                  <span className="font-medium">Expected decision by</span> {formatDueDate(s.dueAt)}
                </p>
              ) : null}
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
              {s.state === "granted" && s.expiresAt ? (
                s.renewalRequestedAt ? (
                  <p className="text-xs text-violet-800">
                    Renewal requested {formatDateTime(s.renewalRequestedAt)}; waiting for approval.
                  </p>
                ) : (
                  <RenewGrant appScopeId={s.id} scope={s.scope} />
                )
              ) : null}
              {s.stateReason ? (
                <p className="text-sm text-slate-800">
                  <span className="font-medium">Why:</span> {s.stateReason}
                </p>
              ) : null}
              <details className="text-sm">
                <summary className="cursor-pointer text-xs font-medium text-slate-500 hover:text-slate-700">
                  History ({s.events.length})
                </summary>
                <ol className="mt-2 space-y-1 border-l-2 border-slate-200 pl-3">
                  {s.events.map((e) => (
                    <li key={e.id} className="text-xs text-slate-600">
                      <span className="font-medium text-slate-800">
                        {e.fromState === e.toState
                          ? "approval recorded"
                          : `${e.fromState ? `${e.fromState.replace("_", " ")} → ` : ""}${e.toState.replace("_", " ")}`}
                      </span>{" "}
                      by {who(e.actorId)}, {formatDateTime(e.createdAt)}
                      {e.reason ? <span className="block text-slate-500">{e.reason}</span> : null}
                    </li>
                  ))}
                </ol>
              </details>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
