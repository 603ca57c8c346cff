// Reads for the webhook pages. The caller decides the scope: every endpoint (admins) or one
// organisation's (partners); single-endpoint reads check it again.
import type { Actor } from "../actor";
import type { Db } from "../database/client";
import { parseIdParam } from "../validation";
import { notFound } from "../errors";
import { pageOf, skipOf, type Page, type Sort } from "../tables/query";
import { canManageEndpoint, endpointHealth, type EndpointHealth } from "./rules";

const DAY_MS = 24 * 60 * 60 * 1000;

export type EndpointRow = {
  id: string;
  url: string;
  description: string;
  events: string[];
  active: boolean;
  createdAt: Date;
  organization: { id: string; name: string } | null;
  app: { id: string; name: string } | null;
  last24h: { succeeded: number; failed: number; retrying: number };
  lastDelivery: { status: string; responseCode: number | null; at: Date } | null;
  health: EndpointHealth;
};

export async function findEndpoints(
  db: Db,
  scope: { organizationId: string } | "all",
  now = new Date(),
): Promise<EndpointRow[]> {
  const where = scope === "all" ? {} : { organizationId: scope.organizationId };
  const endpoints = await db.webhookEndpoint.findMany({
    where,
    select: {
      id: true,
      url: true,
      description: true,
      events: true,
      active: true,
      createdAt: true,
      organization: { select: { id: true, name: true } },
      app: { select: { id: true, name: true } },
    },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  if (endpoints.length === 0) return [];
  const ids = endpoints.map((e) => e.id);
  const since = new Date(now.getTime() - DAY_MS);
  const [counts, retrying, latest] = await Promise.all([
    db.webhookDelivery.groupBy({
      by: ["endpointId", "status"],
      where: { endpointId: { in: ids }, createdAt: { gte: since } },
      _count: { _all: true },
    }),
    db.webhookDelivery.groupBy({
      by: ["endpointId"],
      where: { endpointId: { in: ids }, status: "pending", attempts: { gt: 0 } },
      _count: { _all: true },
    }),
    db.webhookDelivery.findMany({
      where: { endpointId: { in: ids } },
      distinct: ["endpointId"],
      orderBy: [{ endpointId: "asc" }, { createdAt: "desc" }],
      select: {
        endpointId: true,
        status: true,
        responseCode: true,
        createdAt: true,
        lastAttemptAt: true,
      },
    }),
  ]);
  return endpoints.map((e) => {
    const count = (status: string) =>
      counts.find((c) => c.endpointId === e.id && c.status === status)?._count._all ?? 0;
    const last24h = {
      succeeded: count("succeeded"),
      failed: count("failed"),
      retrying: retrying.find((r) => r.endpointId === e.id)?._count._all ?? 0,
    };
    const last = latest.find((l) => l.endpointId === e.id);
    return {
      ...e,
      last24h,
      lastDelivery: last
        ? {
            status: last.status,
            responseCode: last.responseCode,
            at: last.lastAttemptAt ?? last.createdAt,
          }
        : null,
      health: endpointHealth({ active: e.active, ...last24h }),
    };
  });
}

/** One endpoint the actor may manage, or NOT_FOUND (never "forbidden": others' ids stay secret). */
export async function getEndpointFor(db: Db, actor: Actor, id: string) {
  id = parseIdParam(id, "That webhook endpoint");
  const endpoint = await db.webhookEndpoint.findUnique({
    where: { id },
    select: {
      id: true,
      url: true,
      description: true,
      events: true,
      active: true,
      createdAt: true,
      secretRotatedAt: true,
      previousSecretExpiresAt: true,
      organizationId: true,
      organization: { select: { id: true, name: true } },
      app: { select: { id: true, name: true } },
    },
  });
  if (!endpoint || !canManageEndpoint(actor, endpoint)) throw notFound("That webhook endpoint");
  return endpoint;
}

export type DeliveryRow = {
  id: string;
  eventId: string;
  eventType: string;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  responseCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  createdAt: Date;
};

export type DeliverySort = "createdAt";

/** One page of an endpoint's delivery log, newest or oldest first. */
export async function findDeliveries(
  db: Db,
  endpointId: string,
  query: { page: number; perPage: number; sort: Sort<DeliverySort> },
): Promise<Page<DeliveryRow>> {
  const dir = query.sort.desc ? "desc" : "asc";
  const where = { endpointId };
  const [rows, total] = await Promise.all([
    db.webhookDelivery.findMany({
      where,
      select: {
        id: true,
        eventId: true,
        eventType: true,
        status: true,
        attempts: true,
        responseCode: true,
        lastError: true,
        nextAttemptAt: true,
        lastAttemptAt: true,
        createdAt: true,
      },
      orderBy: [{ createdAt: dir }, { id: dir }],
      skip: skipOf(query),
      take: query.perPage,
    }),
    db.webhookDelivery.count({ where }),
  ]);
  return pageOf(rows, total, query);
}

/** Whether a delivery is due now: asked after each action before waking the dispatcher. */
export async function hasDueDeliveries(db: Db, now = new Date()): Promise<boolean> {
  const due = await db.webhookDelivery.findFirst({
    where: { status: "pending", nextAttemptAt: { lte: now }, endpoint: { active: true } },
    select: { id: true },
  });
  return due !== null;
}
