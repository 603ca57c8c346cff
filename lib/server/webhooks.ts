import "server-only";
import { getDb } from "../db";
import { kickWebhookDispatch } from "../jobs/process";
import { hasDueDeliveries } from "../webhooks/queries";

/** Starts delivering due webhooks now (one query when none are due); the minutely job retries. */
export async function flushWebhooks(): Promise<void> {
  if (await hasDueDeliveries(getDb())) await kickWebhookDispatch();
}
