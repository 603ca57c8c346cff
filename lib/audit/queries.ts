// Reads of the audit log for admins: the filtered, paged table and the options its filters offer.
// The table and the CSV export build their `where` from the same parsed filters (auditWhere).
import { z } from "zod";
import { assertRole, type Actor } from "../actor";
import type { Db, Tx } from "../database/client";
import type { Prisma } from "../generated/prisma/client";
import type { ActorType } from "../generated/prisma/enums";
import { pageOf, skipOf, type Page, type TableQuery } from "../tables/query";

export const AUDIT_SORTABLE = ["seq"] as const;
export type AuditSortColumn = (typeof AUDIT_SORTABLE)[number];

type RawParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export type AuditFilters = {
  /** An exact action (`policy.changed`) or every action under a prefix (`policy.*`). */
  action?: string;
  /** Part of the actor's label (their e-mail address, the API key's name, "system"). */
  actor?: string;
  entityType?: string;
  organizationId?: string;
  /** Days (YYYY-MM-DD, UTC), both inclusive. */
  from?: string;
  to?: string;
  q?: string;
};
export const AUDIT_FILTER_NAMES = [
  "action",
  "actor",
  "entityType",
  "organizationId",
  "from",
  "to",
  "q",
] as const;

const ZDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return (
      !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) && d.getUTCFullYear() >= 1970
    );
  });
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const text = z
  .string()
  .trim()
  .max(100)
  .transform((s) => s || undefined);

const ZAuditFilters = z.object({
  action: optional(
    z
      .string()
      .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*(\.\*)?$/)
      .max(80),
  ),
  actor: optional(text),
  entityType: optional(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/)),
  organizationId: optional(z.uuid()),
  from: optional(ZDay),
  to: optional(ZDay),
  q: optional(text),
});

/** Filters from the URL; anything malformed is ignored (a bad link shows more rows, never an error). */
export function parseAuditFilters(raw: RawParams): AuditFilters {
  const picked = Object.fromEntries(AUDIT_FILTER_NAMES.map((name) => [name, first(raw[name])]));
  const filters = ZAuditFilters.parse(picked);
  if (filters.from && filters.to && filters.from > filters.to) {
    delete filters.from;
    delete filters.to;
  }
  return Object.fromEntries(
    Object.entries(filters).filter(([, v]) => v !== undefined),
  ) as AuditFilters;
}

const startOfDay = (day: string) => new Date(`${day}T00:00:00.000Z`);
const dayAfter = (day: string) => new Date(startOfDay(day).getTime() + 86_400_000);

export function auditWhere(filters: AuditFilters): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (filters.action) {
    and.push({
      action: filters.action.endsWith(".*")
        ? { startsWith: filters.action.slice(0, -1) }
        : filters.action,
    });
  }
  if (filters.actor) and.push({ actorLabel: { contains: filters.actor, mode: "insensitive" } });
  if (filters.entityType) and.push({ entityType: filters.entityType });
  if (filters.organizationId) and.push({ organizationId: filters.organizationId });
  if (filters.from) and.push({ at: { gte: startOfDay(filters.from) } });
  if (filters.to) and.push({ at: { lt: dayAfter(filters.to) } });
  if (filters.q) {
    const contains = { contains: filters.q, mode: "insensitive" as const };
    const or: Prisma.AuditEventWhereInput[] = [
      { action: contains },
      { entityType: contains },
      { entityId: contains },
      { actorLabel: contains },
      { ip: { startsWith: filters.q } },
    ];
    if (/^\d{1,18}$/.test(filters.q)) or.push({ seq: BigInt(filters.q) });
    and.push({ OR: or });
  }
  return and.length ? { AND: and } : {};
}

/** The filters as URL parameters (for the export link, which must export what the table shows). */
export function auditFilterParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of AUDIT_FILTER_NAMES) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  return params;
}

export type AuditRow = {
  seq: string;
  at: Date;
  actorType: ActorType;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  organizationId: string | null;
  organizationName: string | null;
  before: Prisma.JsonValue | null;
  after: Prisma.JsonValue | null;
  ip: string | null;
  prevHash: string;
  hash: string;
};

export async function findAuditEvents(
  db: Db,
  actor: Actor,
  query: TableQuery<AuditSortColumn> & { filters: AuditFilters },
): Promise<Page<AuditRow>> {
  assertRole(actor, "admin");
  const where = auditWhere(query.filters);
  const [events, total] = await Promise.all([
    db.auditEvent.findMany({
      where,
      orderBy: { seq: query.sort.desc ? "desc" : "asc" },
      skip: skipOf(query),
      take: query.perPage,
    }),
    db.auditEvent.count({ where }),
  ]);
  const orgIds = [
    ...new Set(events.map((e) => e.organizationId).filter((id): id is string => id !== null)),
  ];
  const orgs = orgIds.length
    ? await db.organization.findMany({
        where: { id: { in: orgIds } },
        select: { id: true, name: true },
      })
    : [];
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const rows = events.map((e) => ({
    ...e,
    seq: e.seq.toString(),
    organizationName: e.organizationId ? (orgName.get(e.organizationId) ?? null) : null,
  }));
  return pageOf(rows, total, query);
}

export type AuditFilterOptions = {
  actions: string[];
  entityTypes: string[];
  organizations: { id: string; name: string }[];
};

/** What the filters can choose from: the actions and entity types present, and the partners. */
export async function getAuditFilterOptions(db: Tx, actor: Actor): Promise<AuditFilterOptions> {
  assertRole(actor, "admin");
  const [actions, entityTypes, organizations] = await Promise.all([
    db.auditEvent.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
    db.auditEvent.groupBy({ by: ["entityType"], orderBy: { entityType: "asc" } }),
    db.organization.findMany({
      select: { id: true, name: true },
      orderBy: { name: "asc" },
      take: 500,
    }),
  ]);
  return {
    actions: actions.map((a) => a.action),
    entityTypes: entityTypes.map((e) => e.entityType),
    organizations,
  };
}

/** The chain head, the newest event: how many events there are, cheaply (verification walks them all). */
export async function getAuditHead(db: Tx): Promise<{ seq: string; hash: string } | null> {
  const head = await db.auditEvent.findFirst({
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  return head ? { seq: head.seq.toString(), hash: head.hash } : null;
}
