// Reads for the enforcement API: a client's live grants, and the gateway credentials.
import type { Db, Tx } from "../database/client";
import { pageOf, skipOf, type Page } from "../tables/query";
import { isClientLive } from "./decide";

export type ClientGrantsRow = {
  appId: string;
  clientId: string;
  appStatus: "active" | "suspended";
  partnerStatus: "active" | "suspended";
  version: number;
  /** Canonical v2 scopes in state granted, sorted. */
  scopes: string[];
  /** The grant-change number this read saw: the cache keeps the row only while nothing newer touched the app. */
  seenSeq: bigint;
};

type RawClientGrantsRow = Omit<ClientGrantsRow, "seenSeq" | "version"> & {
  version: number | bigint;
  seenSeq: bigint | null;
};

const toClientGrantsRow = (row: RawClientGrantsRow): ClientGrantsRow => ({
  ...row,
  version: Number(row.version),
  seenSeq: BigInt(row.seenSeq ?? 0),
});

/** One statement, so the grants and the change number come from the same snapshot. */
export async function loadClientGrants(
  db: Db | Tx,
  clientId: string,
): Promise<ClientGrantsRow | null> {
  const rows = await db.$queryRaw<RawClientGrantsRow[]>`
    SELECT a."id" AS "appId", a."clientId", a."status"::text AS "appStatus", o."status"::text AS "partnerStatus",
           a."grantsVersion" AS "version",
           COALESCE(array_agg(s."scope" ORDER BY s."scope") FILTER (WHERE s."scope" IS NOT NULL), '{}') AS "scopes",
           (SELECT h."seq" FROM "GrantChangeHead" h WHERE h."id" = 1) AS "seenSeq"
    FROM "App" a
    JOIN "Organization" o ON o."id" = a."organizationId"
    LEFT JOIN "AppScope" s ON s."appId" = a."id" AND s."state" = 'granted'
    WHERE a."clientId" = ${clientId}
    GROUP BY a."id", o."status"`;
  return rows[0] ? toClientGrantsRow(rows[0]) : null;
}

/**
 * Up to `limit` apps after `afterAppId` in app id order (keyset: each page is one index range
 * scan, however far in), with their live grants: one statement, so every row and the change
 * number come from the same snapshot. For warming a grant cache in batches.
 */
export async function loadClientGrantsPage(
  db: Db | Tx,
  afterAppId: string | null,
  limit: number,
): Promise<ClientGrantsRow[]> {
  const rows = await db.$queryRaw<RawClientGrantsRow[]>`
    WITH page AS (
      SELECT "id", "clientId", "status", "organizationId", "grantsVersion" FROM "App"
      WHERE "id" > COALESCE(${afterAppId}::uuid, '00000000-0000-0000-0000-000000000000')
      ORDER BY "id" LIMIT ${limit}
    )
    SELECT p."id" AS "appId", p."clientId", p."status"::text AS "appStatus", o."status"::text AS "partnerStatus",
           p."grantsVersion" AS "version",
           COALESCE((SELECT array_agg(s."scope" ORDER BY s."scope") FROM "AppScope" s
                     WHERE s."appId" = p."id" AND s."state" = 'granted'), '{}') AS "scopes",
           (SELECT h."seq" FROM "GrantChangeHead" h WHERE h."id" = 1) AS "seenSeq"
    FROM page p JOIN "Organization" o ON o."id" = p."organizationId"
    ORDER BY p."id"`;
  return rows.map(toClientGrantsRow);
}

/** Every app with its live grants, for export and drift (suspended apps and partners export no scopes). */
export async function loadAllClientGrants(db: Db | Tx) {
  const apps = await db.app.findMany({
    select: {
      id: true,
      clientId: true,
      name: true,
      status: true,
      grantsVersion: true,
      organization: { select: { name: true, status: true } },
      scopes: { where: { state: "granted" }, select: { scope: true }, orderBy: { scope: "asc" } },
    },
    orderBy: [{ organization: { name: "asc" } }, { name: "asc" }],
  });
  return apps.map((a) => ({
    appId: a.id,
    clientId: a.clientId,
    appName: a.name,
    organizationName: a.organization.name,
    appStatus: a.status,
    partnerStatus: a.organization.status,
    version: a.grantsVersion,
    isLive: isClientLive({ appStatus: a.status, partnerStatus: a.organization.status }),
    scopes: a.scopes.map((s) => s.scope),
  }));
}
export type ClientGrantsListing = Awaited<ReturnType<typeof loadAllClientGrants>>[number];

/** One page of gateway keys, active ones first, with who created each. */
export async function findApiKeys(
  db: Db,
  query: { page: number; perPage: number },
): Promise<Page<ApiKeyRow>> {
  const [rows, total] = await Promise.all([
    db.apiKey.findMany({
      select: {
        id: true,
        name: true,
        prefix: true,
        createdAt: true,
        createdById: true,
        lastUsedAt: true,
        revokedAt: true,
      },
      orderBy: [
        { revokedAt: { sort: "desc", nulls: "first" } },
        { createdAt: "desc" },
        { id: "asc" },
      ],
      skip: skipOf(query),
      take: query.perPage,
    }),
    db.apiKey.count(),
  ]);
  const creatorIds = [...new Set(rows.flatMap((r) => (r.createdById ? [r.createdById] : [])))];
  const creators = creatorIds.length
    ? await db.user.findMany({
        where: { id: { in: creatorIds } },
        select: { id: true, name: true, email: true },
      })
    : [];
  const byId = new Map(creators.map((u) => [u.id, u]));
  const withCreators = rows.map(({ createdById, ...r }) => {
    const creator = createdById ? byId.get(createdById) : undefined;
    return { ...r, createdBy: creator ? `${creator.name} (${creator.email})` : null };
  });
  return pageOf(withCreators, total, query);
}
export type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** The stored hash of an unrevoked key, for the authenticator only. */
export async function findActiveApiKey(db: Db, prefix: string) {
  return db.apiKey.findFirst({
    where: { prefix, revokedAt: null },
    select: { id: true, name: true, keyHash: true },
  });
}
