"use server";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { closeCampaign } from "@/lib/reviews/close";
import { openCampaignNow } from "@/lib/reviews/open";
import { createSchedule, deleteSchedule, updateSchedule } from "@/lib/reviews/schedules";
import { formValues, runAction, type ActionState } from "@/lib/server/action";
import { domainContext } from "@/lib/server/domain-context";
import { deliverMailAfterResponse } from "@/lib/server/mailer";

/** The schedule form's fields as the domain reads them: lists from repeated fields, the per-partner map from partner:<id>. */
function scheduleInput(formData: FormData) {
  const values = formValues(formData);
  const partnerReviewers: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (key.startsWith("partner:") && value) partnerReviewers[key.slice("partner:".length)] = value;
  }
  return {
    values,
    input: {
      name: values.name,
      cadence: values.cadence,
      scopeFilter: values.scopeFilter,
      organizationId: values.organizationId || null,
      assignment: values.assignment,
      reviewerIds: formData.getAll("reviewerIds").filter((v): v is string => typeof v === "string"),
      partnerReviewers,
      dueInDays: values.dueInDays,
      reminderDaysBefore: values.reminderDaysBefore,
      closeAction: values.closeAction,
      active: formData.has("active"),
    },
  };
}

export async function saveScheduleAction(
  _prev: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const { values, input } = scheduleInput(formData);
  return runAction(values, async () => {
    const admin = await requireUser(["admin"]);
    const scheduleId = values.scheduleId;
    const row = scheduleId
      ? await updateSchedule(getDb(), admin, { scheduleId, schedule: input })
      : await createSchedule(getDb(), admin, input);
    revalidatePath("/admin/reviews", "layout");
    return {
      status: "success",
      message: scheduleId
        ? `Saved ${row.name}.`
        : `Created ${row.name}; it first runs on ${row.nextRunAt.toISOString().slice(0, 10)}.`,
      data: { scheduleId: row.id },
    };
  });
}

export async function deleteScheduleAction(scheduleId: string): Promise<ActionState> {
  return runAction(undefined, async () => {
    const admin = await requireUser(["admin"]);
    await deleteSchedule(getDb(), admin, { scheduleId });
    revalidatePath("/admin/reviews", "layout");
    return { status: "success", message: "Schedule deleted." };
  });
}

export async function openCampaignAction(scheduleId: string): Promise<ActionState> {
  return runAction(undefined, async () => {
    const admin = await requireUser(["admin"]);
    const { items } = await openCampaignNow(getDb(), admin, { scheduleId }, domainContext());
    deliverMailAfterResponse();
    revalidatePath("/admin/reviews", "layout");
    return {
      status: "success",
      message: `Campaign opened with ${items.toLocaleString("en")} item(s); the reviewers have been told.`,
    };
  });
}

export async function closeCampaignAction(campaignId: string): Promise<ActionState> {
  return runAction(undefined, async () => {
    const admin = await requireUser(["admin"]);
    await closeCampaign(getDb(), admin, { campaignId }, domainContext());
    deliverMailAfterResponse();
    revalidatePath("/admin/reviews", "layout");
    return {
      status: "success",
      message: "Campaign closed; unanswered items followed its close policy. The report is ready.",
    };
  });
}
