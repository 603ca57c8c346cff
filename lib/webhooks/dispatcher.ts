// Sends due deliveries. A claim is its own short transaction: rows are picked with
// FOR UPDATE SKIP LOCKED and stamped `dispatchedAt`, so a second dispatcher (another instance, or a
// kick racing the minutely job) skips them; no lock is held while the HTTP request runs. A claim
// older than the lease (a dispatcher that died mid-send) is picked up again.
import { retryWhileUnavailable } from "../database/connection-errors";
import type { Db } from "../database/client";
import { guardedFetch, OutboundError, type Resolve } from "../net";
import { isSuccessStatus, nextAttemptAt } from "./backoff";
import { decryptSecret } from "./secrets";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from "./signature";

export type DispatchOptions = {
  key: Buffer;
  now?: () => Date;
  /** Per request; the whole attempt counts as failed when it runs out. */
  timeoutMs?: number;
  batchSize?: number;
  /** Send to loopback, private and link-local addresses too (development, tests, internal receivers). Default: refuse them. */
  allowPrivateTargets?: boolean;
  /** The resolver the target check uses (tests); the connection goes to the address it answered. */
  resolve?: Resolve;
};
export type DispatchResult = { attempted: number; succeeded: number; failed: number };

const DEFAULT_TIMEOUT_MS = 10_000;
/** A claimed batch is sent in parallel, each request within timeoutMs: the lease is a few of those. */
const leaseMs = (timeoutMs: number) => Math.max(45_000, 3 * timeoutMs);
const USER_AGENT = "Scopewarden-Webhooks/1";
/** A receiver's answer is not used; a longer one fails the attempt rather than filling memory. */
const MAX_RESPONSE_BYTES = 64 * 1024;

async function claimDue(db: Db, now: Date, limit: number, lease: number): Promise<string[]> {
  const staleBefore = new Date(now.getTime() - lease);
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "WebhookDelivery" SET "dispatchedAt" = ${now}
    WHERE "id" IN (
      SELECT d."id" FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e."id" = d."endpointId"
      WHERE d."status" = 'pending' AND e."active" AND d."nextAttemptAt" <= ${now}
        AND (d."dispatchedAt" IS NULL OR d."dispatchedAt" < ${staleBefore})
      ORDER BY d."nextAttemptAt" LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED)
    RETURNING "id"`;
  return rows.map((r) => r.id);
}

type Loaded = NonNullable<Awaited<ReturnType<typeof loadDelivery>>>;
function loadDelivery(db: Db, id: string) {
  return db.webhookDelivery.findUnique({
    where: { id },
    select: {
      id: true,
      eventType: true,
      payload: true,
      attempts: true,
      endpoint: {
        select: {
          url: true,
          secretCiphertext: true,
          previousSecretCiphertext: true,
          previousSecretExpiresAt: true,
        },
      },
    },
  });
}

function signingSecrets(endpoint: Loaded["endpoint"], key: Buffer, now: Date): string[] {
  const secrets = [decryptSecret(endpoint.secretCiphertext, key)];
  if (
    endpoint.previousSecretCiphertext &&
    endpoint.previousSecretExpiresAt &&
    endpoint.previousSecretExpiresAt > now
  ) {
    secrets.push(decryptSecret(endpoint.previousSecretCiphertext, key));
  }
  return secrets;
}

type Outcome = { status: number | null; error: string | null };

type Settings = Required<Pick<DispatchOptions, "key" | "timeoutMs" | "allowPrivateTargets">> &
  Pick<DispatchOptions, "resolve">;

/** One attempt through the outbound guard: the target is checked and pinned, redirects are not followed. */
async function post(delivery: Loaded, options: Settings, now: Date): Promise<Outcome> {
  const body = JSON.stringify(delivery.payload);
  const timestamp = Math.floor(now.getTime() / 1000);
  try {
    const response = await guardedFetch(delivery.endpoint.url, {
      method: "POST",
      timeoutMs: options.timeoutMs,
      maxResponseBytes: MAX_RESPONSE_BYTES,
      policy: { allowPrivateTargets: options.allowPrivateTargets, resolve: options.resolve },
      headers: {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        [SIGNATURE_HEADER]: signatureHeader(
          signingSecrets(delivery.endpoint, options.key, now),
          timestamp,
          body,
        ),
        [EVENT_HEADER]: delivery.eventType,
        [DELIVERY_HEADER]: delivery.id,
      },
      body,
    });
    return {
      status: response.status,
      error: isSuccessStatus(response.status)
        ? null
        : `HTTP ${response.status} ${response.statusText}`.trim(),
    };
  } catch (error) {
    if (error instanceof OutboundError) return { status: null, error: error.message };
    throw error;
  }
}

async function record(db: Db, delivery: Loaded, outcome: Outcome, at: Date) {
  const attempts = delivery.attempts + 1;
  const succeeded = outcome.status !== null && isSuccessStatus(outcome.status);
  const retryAt = succeeded ? null : nextAttemptAt(attempts, at);
  // updateMany: the endpoint (and this row) may have been deleted while the request ran. Retried
  // through a short database outage: a lost write would send an answered delivery again.
  await retryWhileUnavailable(() =>
    db.webhookDelivery.updateMany({
      where: { id: delivery.id },
      data: {
        attempts,
        responseCode: outcome.status,
        lastError: outcome.error,
        lastAttemptAt: at,
        dispatchedAt: null,
        status: succeeded ? "succeeded" : retryAt ? "pending" : "failed",
        nextAttemptAt: retryAt,
        deliveredAt: succeeded ? at : null,
      },
    }),
  );
  return succeeded;
}

/** Claims and sends every due delivery (batch by batch); returns what happened. */
export async function dispatchDueDeliveries(
  db: Db,
  options: DispatchOptions,
): Promise<DispatchResult> {
  const clock = options.now ?? (() => new Date());
  const settings: Settings = {
    key: options.key,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    allowPrivateTargets: options.allowPrivateTargets ?? false,
    resolve: options.resolve,
  };
  const result: DispatchResult = { attempted: 0, succeeded: 0, failed: 0 };
  for (let round = 0; round < 20; round++) {
    const ids = await claimDue(db, clock(), options.batchSize ?? 20, leaseMs(settings.timeoutMs));
    if (ids.length === 0) break;
    await Promise.all(
      ids.map(async (id) => {
        const delivery = await loadDelivery(db, id);
        if (!delivery) return; // deleted with its endpoint since the claim
        let outcome: Outcome;
        try {
          outcome = await post(delivery, settings, clock());
        } catch (error) {
          outcome = {
            status: null,
            error: error instanceof Error ? error.message : "Could not sign the delivery",
          };
        }
        const ok = await record(db, delivery, outcome, clock());
        result.attempted++;
        if (ok) result.succeeded++;
        else result.failed++;
      }),
    );
  }
  return result;
}
