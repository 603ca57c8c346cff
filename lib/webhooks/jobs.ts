import type { RecurringJob } from "../recurring-job";
import { dispatchDueDeliveries } from "./dispatcher";
import { webhookDispatchSettings } from "./keys";

export const WEBHOOK_DISPATCH_JOB = "webhooks.dispatch";

/** Every minute: sends due deliveries and retries; also kicked right after a change queues events. */
export const webhookDispatchJob: RecurringJob = {
  name: WEBHOOK_DISPATCH_JOB,
  cron: "* * * * *",
  run: async ({ db, now }) => {
    await dispatchDueDeliveries(db, { ...webhookDispatchSettings(), now });
  },
};
