"use client";
import { ConfirmAction } from "@/components/form/confirm-action";
import { closeCampaignAction, deleteScheduleAction, openCampaignAction } from "../actions";
import { RunButton } from "./run-button";

export function CloseCampaignButton({
  campaignId,
  name,
  closeAction,
}: {
  campaignId: string;
  name: string;
  closeAction: "flag" | "revoke";
}) {
  return (
    <ConfirmAction
      label="Close now…"
      ariaLabel={`Close ${name} now`}
      confirmLabel="Close campaign"
      question={
        closeAction === "revoke"
          ? "Close now? Unanswered grants will be revoked."
          : "Close now? Unanswered items will be flagged."
      }
      action={closeCampaignAction}
      input={{ campaignId }}
    />
  );
}

export function OpenCampaignButton({ scheduleId, name }: { scheduleId: string; name: string }) {
  return (
    <RunButton
      label="Open a campaign now"
      pendingLabel="Opening…"
      ariaLabel={`Open a campaign now for ${name}`}
      action={openCampaignAction}
      input={{ scheduleId }}
    />
  );
}

export function DeleteScheduleButton({ scheduleId, name }: { scheduleId: string; name: string }) {
  return (
    <ConfirmAction
      label="Delete…"
      ariaLabel={`Delete ${name}`}
      confirmLabel="Delete schedule"
      question="Delete this schedule?"
      action={deleteScheduleAction}
      input={{ scheduleId }}
    />
  );
}
