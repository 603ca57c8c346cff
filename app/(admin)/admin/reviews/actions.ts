"use server";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { closeCampaign } from "@/lib/reviews/close";
import { openCampaignNow } from "@/lib/reviews/open";
import { createSchedule, deleteSchedule, updateSchedule } from "@/lib/reviews/schedules";
import { ZCloseCampaign, ZOpenCampaign, ZSchedule, ZScheduleRef } from "@/lib/reviews/schemas";
import { adminAction } from "@/lib/server/action-client";
import { domainContext } from "@/lib/server/domain-context";

/** One form creates a schedule or, given its id, saves it; errors keep the form's field names. */
const ZScheduleForm = ZSchedule.and(
  z.object({ scheduleId: z.uuid("That schedule was not found.").optional() }),
);

export const saveScheduleAction = adminAction(
  ZScheduleForm,
  async ({ user, input, revalidate }) => {
    const { scheduleId, ...schedule } = input;
    const row = scheduleId
      ? await updateSchedule(getDb(), user, { scheduleId, schedule })
      : await createSchedule(getDb(), user, schedule);
    revalidate("/admin/reviews", "layout");
    return {
      message: scheduleId
        ? `Saved ${row.name}.`
        : `Created ${row.name}; it first runs on ${row.nextRunAt.toISOString().slice(0, 10)}.`,
      data: { scheduleId: row.id },
    };
  },
);

export const deleteScheduleAction = adminAction(
  ZScheduleRef,
  async ({ user, input, revalidate }) => {
    await deleteSchedule(getDb(), user, input);
    revalidate("/admin/reviews", "layout");
    return { message: "Schedule deleted." };
  },
);

export const openCampaignAction = adminAction(
  ZOpenCampaign,
  async ({ user, input, revalidate }) => {
    const { items } = await openCampaignNow(getDb(), user, input, domainContext());
    revalidate("/admin/reviews", "layout");
    return {
      message: `Campaign opened with ${items.toLocaleString("en")} item(s); the reviewers have been told.`,
    };
  },
);

export const closeCampaignAction = adminAction(
  ZCloseCampaign,
  async ({ user, input, revalidate }) => {
    await closeCampaign(getDb(), user, input, domainContext());
    revalidate("/admin/reviews", "layout");
    return {
      message: "Campaign closed; unanswered items followed its close policy. The report is ready.",
    };
  },
);
