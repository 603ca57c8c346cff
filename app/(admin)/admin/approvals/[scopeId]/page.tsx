import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { RiskBadge, ScopeStateBadge } from "@/components/scopes/badges";
import { PolicyBadge } from "@/components/scopes/policy-badge";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { getRequestDetail } from "@/lib/approvals/queries";
import { appTypeLabel, clientTypeLabel } from "@/lib/apps/rules";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { isClientLive } from "@/lib/enforcement/decide";
import { isAppError } from "@/lib/errors";
import { formatDateTime, formatDueDate, formatDuration } from "@/lib/format";
import { gradeRisk, parseScope } from "@/lib/scopes";
import { DecisionForm } from "./_components/decision-form";

export const metadata: Metadata = { title: "Scope request" };

export default async function RequestPage({ params }: { params: Promise<{ scopeId: string }> }) {
  const { scopeId } = await params;
  const admin = await requirePageUser(["admin"], `/admin/approvals/${scopeId}`);
  const detail = await getRequestDetail(getDb(), scopeId).catch((error) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { request, people, policy, lints } = detail;
  const { app } = request;
  const name = (id: string | null) =>
    id ? (people.get(id)?.name ?? "a former user") : "the portal";
  const approvals = request.decisions.filter((d) => d.kind === "approve");
  const risk = gradeRisk(parseScope(request.scope));
  return (
    <>
      <PageHeader
        title={request.scope}
        description={detail.explanation}
        actions={
          <Link
            href={`/admin/approvals/apps?q=${encodeURIComponent(request.app.name)}`}
            className="text-sm text-brand-700 hover:underline"
          >
            ← Back to {request.app.name}&apos;s requests
          </Link>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
        <div className="space-y-6">
          <Card>
            <CardHeader title="The request" actions={<ScopeStateBadge state={request.state} />} />
            <CardBody className="space-y-3 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <RiskBadge level={request.risk} />
                <PolicyBadge outcome={policy.decision.outcome} />
                <span className="text-slate-500">
                  policy version {policy.version}
                  {policy.decision.ruleId ? `, rule “${policy.decision.ruleId}”` : ""}
                </span>
              </div>
              <p className="text-slate-700">
                <span className="font-medium">Policy says:</span> {policy.decision.reason}
              </p>
              {risk?.reasons.length ? (
                <p className="text-slate-700">
                  <span className="font-medium">Risk:</span> {risk.reasons.join(" ")}
                </p>
              ) : null}
              <p className="text-slate-700">
                <span className="font-medium">Requested by</span> {name(request.requestedById)},{" "}
                {formatDateTime(request.createdAt)} (waiting {formatDuration(detail.waitingMs)}).
              </p>
              {request.state === "pending" ? (
                <p className="text-slate-700">
                  <span className="font-medium">Due</span> {formatDueDate(request.dueAt)}
                </p>
              ) : null}
              <div className="rounded-md bg-slate-50 p-3">
                <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
                  Partner&apos;s justification
                </p>
                <p className="mt-1 whitespace-pre-wrap text-slate-800">
                  {request.justification || "None given."}
                </p>
              </div>
              {approvals.length ? (
                <p className="text-violet-800">
                  Approved so far by {approvals.map((a) => name(a.adminId)).join(" and ")} (
                  {approvals.length} of {Math.max(1, request.approvalsRequired)}).
                </p>
              ) : null}
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Decide" />
            <CardBody>
              <DecisionForm
                appScopeId={request.id}
                version={request.version}
                scope={request.scope}
                needsSecond={policy.decision.approvers > 1}
                decidedNote={
                  request.state === "pending"
                    ? null
                    : `This request is decided (${request.state.replace("_", " ")}): ${request.stateReason ?? ""}`
                }
                youApproved={
                  request.state === "pending" && approvals.some((a) => a.adminId === admin.id)
                }
              />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="History" />
            <CardBody>
              <ol className="space-y-2 border-l-2 border-slate-200 pl-4 text-sm">
                {request.events.map((e) => (
                  <li key={e.id}>
                    <span className="font-medium text-slate-900">
                      {e.fromState === e.toState
                        ? "approval recorded"
                        : `${e.fromState ? `${e.fromState.replace("_", " ")} → ` : ""}${e.toState.replace("_", " ")}`}
                    </span>{" "}
                    <span className="text-slate-600">
                      by {name(e.actorId)}, {formatDateTime(e.createdAt)}
                    </span>
                    {e.reason ? <p className="text-slate-600">{e.reason}</p> : null}
                  </li>
                ))}
              </ol>
            </CardBody>
          </Card>
        </div>
        <div className="space-y-6">
          <Card>
            <CardHeader title={app.name} description={app.organization.name} />
            <CardBody className="space-y-2 text-sm text-slate-700">
              <p>{app.description || "No description."}</p>
              <p>
                {appTypeLabel[app.appType]} · {clientTypeLabel[app.clientType]}
                {app.templateKey ? ` · template: ${app.templateKey}` : ""}
              </p>
              <p className="font-mono text-xs">{app.clientId}</p>
              {!isClientLive({ appStatus: app.status, partnerStatus: app.organization.status }) ? (
                <Badge tone="red">suspended</Badge>
              ) : null}
              <Link href={`/admin/apps/${app.id}`} className="block text-brand-700 hover:underline">
                Open the app
              </Link>
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="The app's whole scope set" />
            <ul className="divide-y divide-slate-100 text-sm">
              {app.scopes.map((s) => (
                <li
                  key={s.id}
                  className={`flex items-center justify-between gap-2 px-5 py-2 ${s.id === request.id ? "bg-brand-50" : ""}`}
                >
                  <code className="font-mono text-xs break-all">{s.scope}</code>
                  <ScopeStateBadge state={s.state} />
                </li>
              ))}
            </ul>
          </Card>
          {lints.length ? (
            <Card>
              <CardHeader title="Checks on the set" />
              <ul className="space-y-2 px-5 py-3 text-sm">
                {lints.map((f, i) => (
                  <li key={i} className="text-slate-700">
                    <Badge
                      tone={
                        f.severity === "error" ? "red" : f.severity === "warning" ? "amber" : "blue"
                      }
                    >
                      {f.severity}
                    </Badge>{" "}
                    {f.message}
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
