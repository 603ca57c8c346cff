// The scheduled check of every backend app's keys: a JWKS URL is fetched through the outbound guard
// with a deadline and a size limit, a pasted JWKS is read as stored; both are judged (analyze.ts)
// and recorded with when each key was first seen. An owner or admin may also check one app now.
// A problem not announced before reaches the partner once, by notification and `app.key_problem`;
// the app's check row is locked while announcing, so two instances checking at once announce once.
import type { z } from "zod";
import { assertRole, type Actor } from "../actor";
import { ZAppId } from "../apps/schemas";
import type { Db } from "../database/client";
import { AppError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { getCurrentPolicy } from "../approvals/policy-versions";
import { tellPartner, type DomainContext } from "../approvals/effects";
import { getEnv } from "../env";
import { guardedFetch, OutboundError, outboundPolicyFromEnv, type OutboundPolicy } from "../net";
import { keyRotationDays } from "../policy";
import type { RecurringJob } from "../recurring-job";
import { parseOrThrow } from "../validation";
import { queueWebhookEvent } from "../webhooks/outbox";
import { analyzeJwks, type KeyCheck } from "./analyze";
import { hasCheckableKeys } from "./queries";

export const JWKS_TIMEOUT_MS = 5_000;
export const JWKS_MAX_BYTES = 64 * 1024;

export type KeyCheckOptions = DomainContext & { outbound?: OutboundPolicy; rotationDays?: number };

type BackendApp = {
  id: string;
  name: string;
  clientId: string;
  organizationId: string;
  /** Where the keys are published; null when they were pasted at registration. */
  jwksUrl: string | null;
  /** The pasted JWK set, judged as stored (no fetch). */
  jwks: unknown;
};

const BACKEND_APP_SELECT = {
  id: true,
  name: true,
  clientId: true,
  organizationId: true,
  jwksUrl: true,
  jwks: true,
} as const;

/** Apps whose keys are checked: a JWKS URL or a pasted JWKS. */
const HAS_KEYS = {
  OR: [{ jwksUrl: { not: null } }, { jwks: { not: Prisma.DbNull } }],
} satisfies Prisma.AppWhereInput;

async function fetchJwks(url: string, outbound: OutboundPolicy): Promise<unknown> {
  const response = await guardedFetch(url, {
    policy: outbound,
    timeoutMs: JWKS_TIMEOUT_MS,
    maxResponseBytes: JWKS_MAX_BYTES,
    maxRedirects: 2,
    headers: { accept: "application/jwk-set+json, application/json" },
  });
  if (response.status !== 200)
    throw new OutboundError("network", `The JWKS URL answered HTTP ${response.status}.`);
  try {
    return response.json();
  } catch {
    return null; // not JSON: judged as an invalid document
  }
}

/** Checks one app's keys now and records the result; returns it. */
export async function checkAppKeys(
  db: Db,
  app: BackendApp,
  now: Date,
  options: KeyCheckOptions & { rotationDays: number; outbound: OutboundPolicy },
): Promise<KeyCheck & { isAnswered: boolean }> {
  let document: unknown;
  let isAnswered = true;
  let unreachable: string | null = null;
  if (app.jwksUrl === null) document = app.jwks;
  else
    try {
      document = await fetchJwks(app.jwksUrl, options.outbound);
    } catch (error) {
      isAnswered = false;
      unreachable = error instanceof Error ? error.message : "The request failed.";
    }
  const seenRows = await db.appKeySeen.findMany({ where: { appId: app.id } });
  const firstSeen = new Map(seenRows.map((r) => [r.thumbprint, r.firstSeenAt]));
  const result: KeyCheck = isAnswered
    ? await analyzeJwks(document, firstSeen, now, options.rotationDays)
    : {
        keys: [],
        problems: [
          { code: "unreachable", message: `The JWKS URL could not be read: ${unreachable}` },
        ],
      };

  await db.$transaction(async (tx) => {
    if (result.keys.length)
      await tx.appKeySeen.createMany({
        data: result.keys.map((k) => ({
          appId: app.id,
          thumbprint: k.thumbprint,
          firstSeenAt: now,
        })),
        skipDuplicates: true,
      });
    await tx.$executeRaw`
      INSERT INTO "AppKeyCheck" ("appId", "checkedAt", "isAnswered", "keys", "problems", "announced")
      VALUES (${app.id}::uuid, ${now}, false, '[]'::jsonb, '[]'::jsonb, '{}')
      ON CONFLICT ("appId") DO NOTHING`;
    const [locked] = await tx.$queryRaw<{ announced: string[] }[]>`
      SELECT "announced" FROM "AppKeyCheck" WHERE "appId" = ${app.id}::uuid FOR UPDATE`;
    const codes = [...new Set(result.problems.map((p) => p.code))];
    const fresh = result.problems.filter((p) => !locked!.announced.includes(p.code));
    await tx.appKeyCheck.update({
      where: { appId: app.id },
      data: {
        checkedAt: now,
        isAnswered,
        keys: result.keys as unknown as Prisma.InputJsonValue,
        problems: result.problems as unknown as Prisma.InputJsonValue,
        // A problem that went away and comes back is announced again.
        announced: codes,
      },
    });
    if (fresh.length === 0) return;
    await tellPartner(
      tx,
      app,
      {
        kind: "app.key_problem",
        title: app.jwksUrl
          ? `Key problem at ${app.name}'s JWKS URL`
          : `Key problem in ${app.name}'s pasted keys`,
        lines: [
          ...fresh.map((p) => p.message),
          app.jwksUrl ? `JWKS URL: ${app.jwksUrl}` : "Keys: pasted at registration",
        ],
      },
      options,
    );
    await queueWebhookEvent(tx, {
      type: "app.key_problem",
      organizationId: app.organizationId,
      appId: app.id,
      at: now,
      data: {
        clientId: app.clientId,
        appId: app.id,
        appName: app.name,
        jwksUrl: app.jwksUrl,
        problems: fresh.map((p) => ({ code: p.code, message: p.message, kid: p.kid ?? null })),
      },
    });
  });
  return { ...result, isAnswered };
}

/** Checks every active backend app with a JWKS URL or pasted keys, a few at a time. */
export async function runKeyChecks(db: Db, now: Date, options: KeyCheckOptions = {}) {
  const rotationDays = options.rotationDays ?? keyRotationDays((await getCurrentPolicy(db)).policy);
  const outbound = options.outbound ?? outboundPolicyFromEnv();
  const apps = (await db.app.findMany({
    where: { appType: "backend", status: "active", ...HAS_KEYS },
    select: BACKEND_APP_SELECT,
    orderBy: { id: "asc" },
  })) as BackendApp[];
  let next = 0;
  const worker = async () => {
    while (next < apps.length) {
      const app = apps[next++]!;
      await checkAppKeys(db, app, now, { ...options, rotationDays, outbound });
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, apps.length) }, worker));
  return apps.length;
}

/**
 * The same check for one app, asked for by its owner (a partner of its organisation) or an admin.
 * Checking again records the same result and announces nothing already announced.
 */
export async function checkAppKeysNow(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZAppId>,
  options: KeyCheckOptions = {},
) {
  assertRole(actor, "partner", "admin");
  const { appId } = parseOrThrow(ZAppId, raw);
  const app = (await db.app.findFirst({
    where: {
      id: appId,
      ...(actor.role === "partner" ? { organizationId: actor.organizationId! } : {}),
    },
    select: { ...BACKEND_APP_SELECT, appType: true },
  })) as (BackendApp & { appType: string }) | null;
  if (!app) throw new AppError("NOT_FOUND", "That app was not found.");
  if (!hasCheckableKeys(app))
    throw new AppError("INVALID_INPUT", "Only a backend app's keys are checked.");
  const now = options.now ?? new Date();
  const rotationDays = options.rotationDays ?? keyRotationDays((await getCurrentPolicy(db)).policy);
  return checkAppKeys(db, app, now, {
    ...options,
    rotationDays,
    outbound: options.outbound ?? outboundPolicyFromEnv(),
  });
}

/** What the owner or admin reads after checking now. */
export const keyCheckMessage = (problems: number) =>
  problems === 0
    ? "Keys checked: no problems found."
    : `Keys checked: ${problems} problem(s) found.`;

export const keyCheckJob: RecurringJob = {
  name: "apps.key-check",
  cron: "23 * * * *",
  run: async ({ db, now }) => {
    await runKeyChecks(db, now(), { appUrl: getEnv().APP_URL });
  },
};
