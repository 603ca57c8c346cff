// Canonical serialisation and sealing of audit events: the same event always yields the same
// bytes (sorted keys, no whitespace), before and after a jsonb round trip. Version 2 events are
// sealed with HMAC-SHA256 under a key the database does not hold; version 1 (events written before
// the keyed chain) used plain SHA-256, which anyone with the row can recompute.
import { createHash, createHmac } from "node:crypto";

export const GENESIS_HASH = "genesis";
export const LEGACY_CHAIN = 1;
export const KEYED_CHAIN = 2;

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

/** Exactly the fields above, picked one by one, so extra properties never count. */
function sealedBytes(e: HashedFields): string {
  return canonicalJson({
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
  });
}

/** Version 1: the unkeyed SHA-256 of the fields (kept to verify events written before the upgrade). */
export function legacyHashAuditEvent(e: HashedFields): string {
  return createHash("sha256").update(sealedBytes(e)).digest("hex");
}

/** Version 2: HMAC-SHA256 of the fields under the audit key, domain-separated from version 1. */
export function macAuditEvent(hmacKey: Buffer, e: HashedFields): string {
  return createHmac("sha256", hmacKey)
    .update(`scopewarden-audit/${KEYED_CHAIN}\n`)
    .update(sealedBytes(e))
    .digest("hex");
}

/** The seal an event of the given chain version must carry. */
export function sealAuditEvent(hmacKey: Buffer, e: HashedFields & { chainVersion: number }) {
  return e.chainVersion === KEYED_CHAIN ? macAuditEvent(hmacKey, e) : legacyHashAuditEvent(e);
}

/** Plain JSON (dates as ISO strings), so what is hashed is exactly what jsonb stores. */
export function toPlainJson(value: unknown): unknown {
  return value === undefined
    ? null
    : JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}
