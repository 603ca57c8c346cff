"use server";
import { decideRequest, decideRequests } from "@/lib/approvals/decide";
import { ZBulkDecision, ZDecision } from "@/lib/approvals/schemas";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { adminAction } from "@/lib/server/action-client";
import { domainContext } from "@/lib/server/domain-context";

const outcomeMessage = {
  granted: "Approved: the scope is granted.",
  approval_recorded:
    "Your approval is recorded; a second, different administrator must approve too.",
  denied: "Denied. The partner has been told why.",
  narrowed: "Approved in a narrower form. The partner has been told.",
  changes_requested: "Sent back to the partner for changes.",
} as const;

export const decideAction = adminAction(ZDecision, async ({ user, input, revalidate }) => {
  const result = await decideRequest(getDb(), user, input, domainContext());
  revalidate("/admin/approvals", "layout");
  return { message: outcomeMessage[result.outcome], data: { outcome: result.outcome } };
});

export const bulkDecideAction = adminAction(ZBulkDecision, async ({ user, input, revalidate }) => {
  const { done, skipped } = await decideRequests(getDb(), user, input, domainContext());
  revalidate("/admin/approvals", "layout");
  const granted = done.filter((d) => d.outcome === "granted").length;
  const partial = done.filter((d) => d.outcome === "approval_recorded").length;
  const denied = done.filter((d) => d.outcome === "denied").length;
  const parts = [
    granted ? `${granted} approved` : null,
    partial ? `${partial} waiting for a second administrator` : null,
    denied ? `${denied} denied` : null,
    skipped.length
      ? `${skipped.length} skipped (${[...new Set(skipped.map((s) => s.reason))].join(" ")})`
      : null,
  ].filter(Boolean);
  const message = `${parts.join(", ")}.`;
  if (skipped.length && !done.length) throw new AppError("CONFLICT", message);
  return { message };
});
