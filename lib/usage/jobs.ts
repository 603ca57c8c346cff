import type { RecurringJob } from "../recurring-job";
import { pruneUsage } from "./store";

/** Daily: drops usage rows past the 13-month retention. */
export const usagePruneJob: RecurringJob = {
  name: "usage.prune",
  cron: "41 3 * * *",
  run: async ({ db, now }) => {
    await pruneUsage(db, now());
  },
};
