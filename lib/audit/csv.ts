// The audit log as CSV for auditors: every event matching the table's filters, in chain order,
// streamed in batches so a log of any size never sits in memory at once.
import Papa from "papaparse";
import { assertRole, auditActorOf, type Actor } from "../actor";
import type { Db } from "../database/client";
import type { AuditEvent } from "../generated/prisma/client";
import { auditWhere, getAuditHead, type AuditFilters } from "./queries";
import { recordAudit } from "./service";
import { byteStreamOf } from "../streams";

export const AUDIT_CSV_HEADER = [
  "seq",
  "at",
  "actorType",
  "actorLabel",
  "actorId",
  "action",
  "entityType",
  "entityId",
  "organizationId",
  "ip",
  "before",
  "after",
  "prevHash",
  "hash",
] as const;

/** Excel and other spreadsheets run a cell that starts with one of these as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Makes a cell inert in spreadsheets: a leading quote shows the text as typed instead of running
 * it (CSV injection). papaparse's own option misses values with a line break after the formula.
 */
export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const json = (value: unknown) =>
  value === null || value === undefined ? "" : JSON.stringify(value);

export function auditCsvRecord(e: AuditEvent): string[] {
  return [
    e.seq.toString(),
    e.at.toISOString(),
    e.actorType,
    e.actorLabel ?? "",
    e.actorId ?? "",
    e.action,
    e.entityType,
    e.entityId ?? "",
    e.organizationId ?? "",
    e.ip ?? "",
    json(e.before),
    json(e.after),
    e.prevHash,
    e.hash,
  ].map(neutralizeCell);
}

/** RFC 4180 lines (CRLF, quotes doubled, fields with , " or line breaks quoted), ending in CRLF. */
export function toCsvLines(records: readonly (readonly string[])[]): string {
  if (records.length === 0) return "";
  return `${Papa.unparse(records as string[][], { newline: "\r\n", escapeFormulae: false })}\r\n`;
}

/** A byte-order mark first, so Excel reads the file as UTF-8 (names and notes keep their accents). */
const BOM = "\ufeff";

/**
 * The header, then the events in seq order, one batch per chunk. Events appended while the export
 * runs are left out: it is a snapshot up to the chain head at its start.
 */
export async function* auditCsvChunks(
  db: Db,
  filters: AuditFilters,
  batchSize = 2000,
): AsyncGenerator<string> {
  yield BOM + toCsvLines([[...AUDIT_CSV_HEADER]]);
  const head = await getAuditHead(db);
  if (!head) return;
  const where = auditWhere(filters);
  let cursor = 0n;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: { AND: [where, { seq: { gt: cursor, lte: BigInt(head.seq) } }] },
      orderBy: { seq: "asc" },
      take: batchSize,
    });
    if (rows.length === 0) return;
    yield toCsvLines(rows.map(auditCsvRecord));
    if (rows.length < batchSize) return;
    cursor = rows[rows.length - 1]!.seq;
  }
}

/** The export as a byte stream for a Response; it reads the next batch only when the client is ready for it. */
export function auditCsvStream(
  db: Db,
  actor: Actor,
  filters: AuditFilters,
  batchSize?: number,
): ReadableStream<Uint8Array> {
  assertRole(actor, "admin");
  return byteStreamOf(auditCsvChunks(db, filters, batchSize));
}

/** Who took a copy of the log, and of which part: auditors ask for this as well. */
export async function recordAuditExport(
  db: Db,
  actor: Actor,
  filters: AuditFilters,
  ip: string | null = null,
): Promise<void> {
  assertRole(actor, "admin");
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "audit.exported",
      entityType: "AuditLog",
      after: { format: "csv", filters },
      ip,
    }),
  );
}

export function auditCsvFilename(now = new Date()): string {
  return `scopewarden-audit-${now.toISOString().slice(0, 10)}.csv`;
}
