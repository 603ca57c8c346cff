"use server";
import { revalidatePath } from "next/cache";
import { decideRequest, decideRequests } from "@/lib/approvals/decide";
import { requireUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { runAction, type ActionState } from "@/lib/server/action";
import { domainContext } from "@/lib/server/domain-context";
import { deliverMailAfterResponse } from "@/lib/server/mailer";
import { deliverWebhooksAfterResponse } from "@/lib/server/webhooks";

const outcomeMessage = {
  granted: "Approved: the scope is granted.",
  approval_recorded:
    "Your approval is recorded; a second, different administrator must approve too.",
  denied: "Denied. The partner has been told why.",
  narrowed: "Approved in a narrower form. The partner has been told.",
  changes_requested: "Sent back to the partner for changes.",
} as const;

export async function decideAction(payload: unknown): Promise<ActionState> {
  return runAction(undefined, async () => {
    const admin = await requireUser(["admin"]);
    const result = await decideRequest(getDb(), admin, payload, domainContext());
    deliverMailAfterResponse();
    deliverWebhooksAfterResponse();
    revalidatePath("/admin/approvals", "layout");
    return {
      status: "success",
      message: outcomeMessage[result.outcome],
      data: { outcome: result.outcome },
    };
  });
}

export async function bulkDecideAction(payload: unknown): Promise<ActionState> {
  return runAction(undefined, async () => {
    const admin = await requireUser(["admin"]);
    const { done, skipped } = await decideRequests(getDb(), admin, payload, domainContext());
    deliverMailAfterResponse();
    deliverWebhooksAfterResponse();
    revalidatePath("/admin/approvals", "layout");
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
    return {
      status: skipped.length && !done.length ? "error" : "success",
      message: `${parts.join(", ")}.`,
    };
  });
}
