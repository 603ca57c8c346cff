import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { findRecentEmails } from "@/lib/notifications/queries";
import { getMailer } from "@/lib/server/mailer";

export const metadata: Metadata = { title: "Mail outbox" };

/** Every message the portal sent or will send, newest first (the last 100). */
export default async function OutboxPage() {
  await requirePageUser(["admin"], "/admin/outbox");
  const messages = await findRecentEmails(getDb(), 100);
  return (
    <>
      <PageHeader
        title="Mail outbox"
        description={`The last 100 messages and whether they went out. Transport: ${getMailer().describe}.`}
      />
      {messages.length === 0 ? (
        <EmptyState
          title="No mail yet"
          description="Invitations and notifications appear here when they are sent."
        />
      ) : (
        <ul className="space-y-3">
          {messages.map((m) => (
            <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
                <span>
                  <span className="text-slate-500">To</span>{" "}
                  <span className="font-medium">{m.to}</span>
                </span>
                <span className="flex items-center gap-2 text-slate-500">
                  {formatDateTime(m.createdAt)}
                  <Badge
                    tone={m.status === "sent" ? "green" : m.status === "failed" ? "red" : "amber"}
                  >
                    {m.status}
                  </Badge>
                </span>
              </div>
              <p className="mt-1 font-medium text-slate-900">{m.subject}</p>
              <pre className="mt-2 font-sans text-sm break-words whitespace-pre-wrap text-slate-700">
                {m.text}
              </pre>
              {m.error ? <p className="mt-2 text-sm text-red-700">Error: {m.error}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
