import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { describeDevice } from "@/lib/users/rules";
import { findUserSessions } from "@/lib/users/sessions";
import { isEmailUnverified } from "@/lib/users/verification";
import { ChangePasswordForm } from "./_components/change-password-form";
import {
  ResendVerificationButton,
  SignOutEverywhereButton,
  SignOutSessionButton,
} from "./_components/session-buttons";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requirePageUser(["partner", "admin", "reviewer"], "/account");
  const [sessions, isUnverified] = await Promise.all([
    findUserSessions(getDb(), user.id),
    isEmailUnverified(getDb(), user.id),
  ]);
  return (
    <>
      <PageHeader
        title="Your account"
        description={`Signed in as ${user.email}.`}
        actions={<SignOutEverywhereButton />}
      />
      {isUnverified ? (
        <div
          role="status"
          className="mb-8 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900"
        >
          <span>
            Confirm your e-mail address with the link we sent you: apps can be registered only after
            that.
          </span>
          <ResendVerificationButton />
        </div>
      ) : null}
      <section aria-labelledby="sessions-heading" className="mb-8">
        <h2 id="sessions-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Where you are signed in
        </h2>
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 p-4">
              <div>
                <div className="font-medium text-slate-900">
                  {describeDevice(s.userAgent)}{" "}
                  {s.id === user.sessionId ? <Badge tone="blue">This device</Badge> : null}
                </div>
                <div className="text-sm text-slate-600">
                  {s.ip ?? "Unknown address"} · signed in {formatDateTime(s.createdAt)} · last seen{" "}
                  {formatDateTime(s.lastSeenAt)}
                </div>
              </div>
              <SignOutSessionButton
                sessionId={s.id}
                label={describeDevice(s.userAgent)}
                isCurrent={s.id === user.sessionId}
              />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="password-heading" className="max-w-md">
        <h2 id="password-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Change your password
        </h2>
        <p className="mb-3 text-sm text-slate-600">Every other session is signed out.</p>
        <ChangePasswordForm />
      </section>
    </>
  );
}
