// Background work of access reviews, run by the job runner every minute on every instance. It is
// safe to run late, twice, or on two instances at once: each step claims its row first.
import type { Db } from "../database/client";
import { getEnv } from "../env";
import type { RecurringJob } from "../recurring-job";
import type { NotifyContext } from "../notifications/service";
import { advanceDeadlines } from "./deadlines";
import { openDueCampaigns } from "./open";

/** One pass: open the campaigns that are due (catching up after downtime), then remind, escalate and close. */
export async function runReviewTick(db: Db, now: Date, ctx: NotifyContext = {}) {
  const opened = await openDueCampaigns(db, now, ctx);
  const deadlines = await advanceDeadlines(db, now, ctx);
  return { opened, ...deadlines };
}

export const reviewJobs: RecurringJob[] = [
  {
    name: "reviews.tick",
    cron: "* * * * *",
    run: async ({ db, now }) => {
      await runReviewTick(db, now(), { appUrl: getEnv().APP_URL });
    },
  },
];
