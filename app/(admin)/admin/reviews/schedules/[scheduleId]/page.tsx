import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { requirePageUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { formatDate } from "@/lib/format";
import { isUuid } from "@/lib/validation";
import { findScheduleFormOptions, getSchedule } from "@/lib/reviews/schedule-queries";
import { ScheduleForm } from "../../_components/schedule-form";

export const metadata: Metadata = { title: "Review schedule" };

export default async function EditSchedulePage({
  params,
}: {
  params: Promise<{ scheduleId: string }>;
}) {
  const { scheduleId } = await params;
  await requirePageUser(["admin"], `/admin/reviews/schedules/${scheduleId}`);
  if (!isUuid(scheduleId)) notFound();
  const db = getDb();
  const [schedule, { reviewers, partners }] = await Promise.all([
    getSchedule(db, scheduleId),
    findScheduleFormOptions(db),
  ]);
  if (!schedule) notFound();
  return (
    <>
      <PageHeader
        title={schedule.name}
        description={`Next run ${formatDate(schedule.nextRunAt)}${schedule.lastRunAt ? `, last run ${formatDate(schedule.lastRunAt)}` : ""}.`}
      />
      <ScheduleForm
        reviewers={reviewers}
        partners={partners}
        defaults={{
          ...schedule,
          partnerReviewers: (schedule.partnerReviewers ?? {}) as Record<string, string>,
        }}
      />
    </>
  );
}
