import "server-only";
// The one after-response hook: the pipeline runs it after every action, whatever the outcome, so no
// action can forget to send what it queued. Each flusher is idempotent and cheap when idle; a
// recurring job retries whatever a flush misses. A new outbox is one more line in FLUSHERS.
import { getDb } from "../db";
import { flushProvisioningFromEnv } from "../provisioning/jobs";
import { flushMail } from "./mailer";
import { flushWebhooks } from "./webhooks";

const FLUSHERS: readonly { name: string; flush: () => Promise<void> }[] = [
  { name: "mail", flush: flushMail },
  { name: "webhooks", flush: flushWebhooks },
  { name: "authorization-server sync", flush: () => flushProvisioningFromEnv(getDb()) },
];

export async function flushOutboxes(): Promise<void> {
  await Promise.all(
    FLUSHERS.map(async ({ name, flush }) => {
      try {
        await flush();
      } catch (error) {
        console.error(`after-response ${name} flush failed; its recurring job will retry`, error);
      }
    }),
  );
}
