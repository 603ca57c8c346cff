// Reads for the review schedule form: a schedule, and who and what it can name.
import type { Db } from "../database/client";
import { findOrganizationOptions } from "../orgs/queries";
import { findActiveReviewers } from "../users/queries";

export async function getSchedule(db: Db, scheduleId: string) {
  return db.reviewSchedule.findUnique({ where: { id: scheduleId } });
}

/** The reviewers a schedule can assign and the partners it can cover (at most 500). */
export async function findScheduleFormOptions(db: Db) {
  const [reviewers, partners] = await Promise.all([
    findActiveReviewers(db),
    findOrganizationOptions(db, 500),
  ]);
  return { reviewers, partners };
}
