import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { findScheduleFormOptions } from "@/lib/reviews/schedule-queries";
import { ScheduleForm } from "../../_components/schedule-form";

export const metadata: Metadata = { title: "New review schedule" };

export default async function NewSchedulePage() {
  await requirePageUser(["admin"], "/admin/reviews/schedules/new");
  const { reviewers, partners } = await findScheduleFormOptions(getDb());
  return (
    <>
      <PageHeader
        title="New review schedule"
        description="The default reviews every live grant each quarter, dealt out round robin, due in 14 days."
      />
      <ScheduleForm
        reviewers={reviewers}
        partners={partners}
        defaults={{
          name: "",
          cadence: "quarterly",
          scopeFilter: "all",
          organizationId: null,
          assignment: "round_robin",
          reviewerIds: [],
          partnerReviewers: {},
          dueInDays: 14,
          reminderDaysBefore: 3,
          closeAction: "flag",
          active: true,
        }}
      />
    </>
  );
}
