"use server";
import { assignRequestSet } from "@/lib/approvals/assign";
import { decideRequestSet } from "@/lib/approvals/decide-set";
import { deleteQueueFilter, saveQueueFilter } from "@/lib/approvals/saved-filters";
import {
  ZAssignApp,
  ZDeleteQueueFilter,
  ZSaveQueueFilter,
  ZSetDecision,
} from "@/lib/approvals/schemas";
import { getDb } from "@/lib/db";
import { adminAction } from "@/lib/server/action-client";
import { domainContext } from "@/lib/server/domain-context";

export const decideSetAction = adminAction(ZSetDecision, async ({ user, input, revalidate }) => {
  const { done, skipped } = await decideRequestSet(getDb(), user, input, domainContext());
  revalidate("/admin/approvals", "layout");
  const count = (o: string) => done.filter((d) => d.outcome === o).length;
  const parts = [
    count("granted") ? `${count("granted")} approved` : null,
    count("approval_recorded")
      ? `${count("approval_recorded")} waiting for a second administrator`
      : null,
    count("denied") ? `${count("denied")} denied` : null,
    skipped.length ? `${skipped.length} you had already approved` : null,
  ].filter(Boolean);
  return { message: `${parts.join(", ")}.` };
});

export const assignAction = adminAction(ZAssignApp, async ({ user, input, revalidate }) => {
  const { assignee } = await assignRequestSet(getDb(), user, input);
  revalidate("/admin/approvals", "layout");
  return { message: assignee ? `Assigned to ${assignee.name}.` : "Unassigned." };
});

export const saveQueueFilterAction = adminAction(
  ZSaveQueueFilter,
  async ({ user, input, revalidate }) => {
    const saved = await saveQueueFilter(getDb(), user, input);
    revalidate("/admin/approvals/apps");
    return { message: `Saved "${saved.name}".` };
  },
);

export const deleteQueueFilterAction = adminAction(
  ZDeleteQueueFilter,
  async ({ user, input, revalidate }) => {
    await deleteQueueFilter(getDb(), user, input);
    revalidate("/admin/approvals/apps");
    return { message: "Filter deleted." };
  },
);
