// Canonical serialisation and hashing of audit events: the same event always yields the same
// bytes (sorted keys, no whitespace), before and after a jsonb round trip.
import { createHash } from "node:crypto";

export const GENESIS_HASH = "genesis";

export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  if (typeof value === "bigint") return JSON.stringify(value.toString());
  return JSON.stringify(value);
}

export type HashedFields = {
  seq: bigint;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  organizationId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  prevHash: string;
};

/** Hashes exactly the fields above (picked one by one, so extra properties never count). */
export function hashAuditEvent(e: HashedFields): string {
  const fields = {
    seq: e.seq.toString(),
    at: e.at,
    actorType: e.actorType,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    organizationId: e.organizationId,
    before: e.before ?? null,
    after: e.after ?? null,
    ip: e.ip,
    prevHash: e.prevHash,
  };
  return createHash("sha256").update(canonicalJson(fields)).digest("hex");
}

/** Plain JSON (dates as ISO strings), so what is hashed is exactly what jsonb stores. */
export function toPlainJson(value: unknown): unknown {
  return value === undefined
    ? null
    : JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}
