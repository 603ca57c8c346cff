// Applies an app's pending change at the authorization server. One sync per app at a time (a
// lease on its outbox row), so updates apply in order; each sync sends the app's current state,
// so the latest grants version wins and an older one is never sent after a newer. A sync clears
// the pending marker only if no change arrived meanwhile, and marks the version it delivered,
// so nothing is applied twice. Failures keep the AS's words and back off.
import type { Db } from "../database/client";
import { isClientLive } from "../enforcement/decide";
import { decryptSecret, encryptSecret } from "../webhooks/secrets";
import type { ProvisioningTarget } from "./config";
import { clientMetadataOf } from "./metadata";
import {
  createRegistration,
  deleteRegistration,
  readRegistration,
  RegistrationError,
  updateRegistration,
  type RegistrationHandle,
} from "./registration-client";

const LEASE_MS = 30_000;
/** Waits after the 1st, 2nd, … failure; the last repeats (a recurring job keeps trying). */
export const SYNC_RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 120_000, 600_000] as const;

export const retryDelayMs = (attempts: number) =>
  SYNC_RETRY_DELAYS_MS[Math.min(Math.max(attempts, 1), SYNC_RETRY_DELAYS_MS.length) - 1]!;

type Claimed = {
  changeSeq: number;
  attempts: number;
  isRegistered: boolean;
  clientUriEnc: string | null;
  accessTokenEnc: string | null;
  pendingSecretEnc: string | null;
};

async function claim(db: Db, appId: string, force: boolean): Promise<Claimed | null> {
  const rows = await db.$queryRaw<Claimed[]>`
    UPDATE "AppProvisioning" SET "claimedUntil" = now() + ${`${LEASE_MS} milliseconds`}::interval
    WHERE "appId" = ${appId}::uuid AND "pendingSince" IS NOT NULL
      AND ("claimedUntil" IS NULL OR "claimedUntil" < now())
      AND (${force} OR "nextAttemptAt" IS NULL OR "nextAttemptAt" <= now())
    RETURNING "changeSeq", "attempts", "isRegistered", "clientUriEnc", "accessTokenEnc", "pendingSecretEnc"`;
  return rows[0] ?? null;
}

async function loadApp(db: Db, appId: string) {
  return db.app.findUnique({
    where: { id: appId },
    select: {
      clientId: true,
      name: true,
      clientType: true,
      redirectUris: true,
      jwksUrl: true,
      jwks: true,
      homepageUrl: true,
      privacyPolicyUrl: true,
      grantsVersion: true,
      status: true,
      organization: { select: { status: true } },
      scopes: { where: { state: "granted" }, select: { scope: true } },
    },
  });
}

type Outcome = {
  version: number | null;
  scope: string | null;
  isRegistered: boolean;
  handle: RegistrationHandle | null;
  pendingSecret: string | null;
  /** The secret the AS chose itself when it ignored the proposed one (some servers do). */
  issuedSecret: string | null;
};

async function apply(
  db: Db,
  target: ProvisioningTarget,
  appId: string,
  row: Claimed,
): Promise<Outcome> {
  const key = target.sealingKey;
  const handle: RegistrationHandle | null =
    row.isRegistered && row.clientUriEnc && row.accessTokenEnc
      ? {
          registrationClientUri: decryptSecret(row.clientUriEnc, key),
          registrationAccessToken: decryptSecret(row.accessTokenEnc, key),
        }
      : null;
  let pendingSecret = row.pendingSecretEnc ? decryptSecret(row.pendingSecretEnc, key) : null;
  const app = await loadApp(db, appId);
  if (!app) {
    if (handle) await deleteRegistration(target, handle);
    return {
      version: null,
      scope: null,
      isRegistered: false,
      handle: null,
      pendingSecret: null,
      issuedSecret: null,
    };
  }
  const status = { appStatus: app.status, partnerStatus: app.organization.status };
  const metadata = clientMetadataOf(
    app,
    status,
    app.scopes.map((s) => s.scope),
  );
  const done = (
    h: RegistrationHandle | null,
    secret: string | null,
    issuedSecret: string | null = null,
  ): Outcome => ({
    version: app.grantsVersion,
    scope: h ? metadata.scope : null,
    isRegistered: h !== null,
    handle: h,
    pendingSecret: secret,
    issuedSecret,
  });
  if (!isClientLive(status) || metadata.scope === "") {
    // A suspended client must fail at the AS (invalid_client), so its registration goes, as does
    // one with nothing approved yet (an empty scope means "the defaults" to some servers). A
    // confidential client's secret is kept sealed so registering it again needs no new secret.
    if (!handle) return done(null, pendingSecret);
    if (app.clientType === "confidential" && !pendingSecret) {
      const current = await readRegistration(target, handle);
      const secret = current?.metadata.client_secret;
      if (typeof secret === "string") pendingSecret = secret;
    }
    await deleteRegistration(target, handle);
    return done(null, pendingSecret);
  }
  if (handle && !pendingSecret) {
    const updated = await updateRegistration(target, handle, metadata);
    return done(updated, null);
  }
  // A new secret cannot be set by an update (RFC 7592 keeps the issued one): register again.
  if (handle) await deleteRegistration(target, handle);
  if (app.clientType === "confidential" && !pendingSecret)
    throw new RegistrationError(
      "The authorization server needs this app's client secret, which the portal no longer holds: rotate the secret to register the app again.",
    );
  const created = await createRegistration(target, {
    ...metadata,
    ...(app.clientType === "confidential" && pendingSecret ? { client_secret: pendingSecret } : {}),
  });
  if (created.clientId !== app.clientId) {
    await deleteRegistration(target, created);
    throw new RegistrationError(
      `The authorization server assigned the client id ${created.clientId} instead of ${app.clientId}; it must accept the client_id the portal proposes.`,
    );
  }
  const returned = created.metadata.client_secret;
  const issued =
    app.clientType === "confidential" && typeof returned === "string" && returned !== pendingSecret
      ? returned
      : null;
  return done(created, null, issued);
}

export type SyncResult = "synced" | "failed" | "skipped";

/** Syncs one app if it is pending and not being synced elsewhere. `force` ignores the backoff. */
export async function syncApp(
  db: Db,
  target: ProvisioningTarget,
  appId: string,
  { force = false }: { force?: boolean } = {},
): Promise<SyncResult> {
  const row = await claim(db, appId, force);
  if (!row) return "skipped";
  const key = target.sealingKey;
  try {
    const out = await apply(db, target, appId, row);
    await db.$executeRaw`
      UPDATE "AppProvisioning" SET
        "pendingSince" = CASE WHEN "changeSeq" = ${row.changeSeq} THEN NULL ELSE "pendingSince" END,
        "nextAttemptAt" = now(), "claimedUntil" = NULL, "attempts" = 0, "lastError" = NULL,
        "syncedVersion" = ${out.version}, "syncedScope" = ${out.scope}, "syncedAt" = now(),
        "isRegistered" = ${out.isRegistered},
        "clientUriEnc" = ${out.handle ? encryptSecret(out.handle.registrationClientUri, key) : null},
        "accessTokenEnc" = ${out.handle ? encryptSecret(out.handle.registrationAccessToken, key) : null},
        "pendingSecretEnc" = CASE WHEN "pendingSecretEnc" IS DISTINCT FROM ${row.pendingSecretEnc}
          THEN "pendingSecretEnc" ELSE ${out.pendingSecret ? encryptSecret(out.pendingSecret, key) : null} END,
        "issuedSecretEnc" = COALESCE(${out.issuedSecret ? encryptSecret(out.issuedSecret, key) : null}, "issuedSecretEnc"),
        "updatedAt" = now()
      WHERE "appId" = ${appId}::uuid`;
    // The secret that works is the AS's: the portal's record of it follows (SHA-256, as issued ones).
    if (out.issuedSecret)
      await db.$executeRaw`
        UPDATE "App" SET "clientSecretHash" = encode(sha256(convert_to(${out.issuedSecret}, 'UTF8')), 'hex')
        WHERE "id" = ${appId}::uuid`;
    return "synced";
  } catch (error) {
    const message =
      error instanceof RegistrationError
        ? error.message
        : `Provisioning failed: ${error instanceof Error ? error.message : String(error)}`;
    const attempts = row.attempts + 1;
    await db.$executeRaw`
      UPDATE "AppProvisioning" SET "claimedUntil" = NULL, "attempts" = ${attempts},
        "lastError" = ${message.slice(0, 2000)},
        "nextAttemptAt" = now() + ${`${retryDelayMs(attempts)} milliseconds`}::interval,
        "updatedAt" = now()
      WHERE "appId" = ${appId}::uuid`;
    return "failed";
  }
}

/**
 * Syncs every app whose change is due, a few at a time, until none is left (or `maxMs` passes).
 * Cheap when idle: one indexed read.
 */
export async function flushProvisioning(
  db: Db,
  target: ProvisioningTarget,
  { concurrency = 8, maxMs = 20_000, batch = 200 } = {},
): Promise<{ synced: number; failed: number }> {
  const started = Date.now();
  const totals = { synced: 0, failed: 0 };
  const tried = new Set<string>();
  while (Date.now() - started < maxMs) {
    const due = await db.$queryRaw<{ appId: string }[]>`
      SELECT "appId" FROM "AppProvisioning"
      WHERE "pendingSince" IS NOT NULL AND "nextAttemptAt" <= now()
        AND ("claimedUntil" IS NULL OR "claimedUntil" < now())
      ORDER BY "pendingSince" LIMIT ${batch}`;
    // An app that failed is retried by the backoff, not again in this flush.
    const ids = due.map((d) => d.appId).filter((id) => !tried.has(id));
    if (ids.length === 0) break;
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        const result = await syncApp(db, target, id);
        if (result === "failed") tried.add(id);
        if (result !== "skipped") totals[result]++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  }
  return totals;
}
