import "server-only";
import { after } from "next/server";
import { kickWebhookDispatch } from "../jobs/process";

/** Sends the webhooks a request queued once the response is on its way; the minutely job retries. */
export function deliverWebhooksAfterResponse(): void {
  after(async () => {
    try {
      await kickWebhookDispatch();
    } catch (error) {
      console.error("webhook dispatch kick failed; the minutely job will deliver", error);
    }
  });
}
