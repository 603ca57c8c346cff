import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { findNotifications } from "@/lib/notifications/service";
import { getDigestFrequency } from "@/lib/users/digest-preference";
import { DigestForm } from "./digest-form";
import { MarkAllReadButton } from "./mark-read-button";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const user = await requirePageUser(["partner", "admin", "reviewer"], "/notifications");
  const db = getDb();
  const [notifications, frequency] = await Promise.all([
    findNotifications(db, user.id, { take: 100 }),
    user.role === "admin" ? getDigestFrequency(db, user) : null,
  ]);
  const hasUnread = notifications.some((n) => !n.readAt);
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Decisions, revocations and reminders that concern you (the last 100). The same messages are sent by e-mail."
        actions={hasUnread ? <MarkAllReadButton /> : null}
      />
      {frequency ? (
        <div className="mb-4">
          <DigestForm frequency={frequency} />
        </div>
      ) : null}
      {notifications.length === 0 ? (
        <EmptyState
          title="No notifications"
          description="You will be told here when a scope is approved, denied or revoked, or when something needs you."
        />
      ) : (
        <ul className="space-y-3" aria-label="Notifications">
          {notifications.map((n) => (
            <li
              key={n.id}
              className={`rounded-lg border bg-white p-4 shadow-sm ${n.readAt ? "border-slate-200" : "border-brand-600"}`}
            >
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h2 className="font-medium text-slate-900">
                  {n.link ? (
                    <Link href={n.link} className="hover:underline">
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                </h2>
                <span className="flex items-center gap-2 text-xs text-slate-500">
                  {formatDateTime(n.createdAt)}
                  {n.readAt ? null : <Badge tone="blue">new</Badge>}
                </span>
              </div>
              <p className="mt-1 text-sm whitespace-pre-line text-slate-700">{n.body}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
