// Use cases behind the export downloads and the drift check; each is audited, whoever asks.
import { assertRole, auditActorOf, type Actor } from "../actor";
import type { AuditActor } from "../audit/service";
import { recordAudit } from "../audit/service";
import type { Db, Tx } from "../database/client";
import { findGrantDates } from "../usage/queries";
import { AppError } from "../errors";
import type { ApiKeyPrincipal } from "./authenticator";
import {
  buildGenericExport,
  buildKeycloakExport,
  computeDrift,
  parseUpstreamConfig,
  type DriftReport,
  type GenericExport,
  type KeycloakExport,
} from "./export";
import { loadAllClientGrants } from "./queries";

export type ExportFormat = "generic" | "keycloak";
export type ExportCaller =
  { kind: "admin"; actor: Actor } | { kind: "api_key"; key: ApiKeyPrincipal };

/** The largest drift file accepted (a realm export of a few thousand clients fits). */
export const MAX_DRIFT_FILE_BYTES = 5 * 1024 * 1024;

function auditActorOfCaller(caller: ExportCaller): AuditActor {
  if (caller.kind === "admin") {
    assertRole(caller.actor, "admin");
    return auditActorOf(caller.actor);
  }
  return { type: "api_key", id: caller.key.id, label: caller.key.name };
}

/** The export's rows; with `withDates`, each grant's expiry and last use as well. */
async function toRows(
  tx: Tx,
  apps: Awaited<ReturnType<typeof loadAllClientGrants>>,
  withDates = true,
) {
  const live = apps.filter((a) => a.isLive).map((a) => a.appId);
  const dates = withDates ? await findGrantDates(tx, live) : new Map();
  return apps.map((a) => ({
    clientId: a.clientId,
    appName: a.appName,
    organizationName: a.organizationName,
    isLive: a.isLive,
    scopes: a.scopes,
    grants: dates.get(a.appId) ?? [],
  }));
}

export async function exportApprovedScopes(
  db: Db,
  caller: ExportCaller,
  format: ExportFormat,
  now = new Date(),
): Promise<GenericExport | KeycloakExport> {
  const actor = auditActorOfCaller(caller);
  return db.$transaction(async (tx) => {
    const rows = await toRows(tx, await loadAllClientGrants(tx));
    await recordAudit(tx, {
      actor,
      action: "grants.exported",
      entityType: "Export",
      after: { format, clients: rows.length },
      at: now,
    });
    return format === "keycloak" ? buildKeycloakExport(rows) : buildGenericExport(rows, now);
  });
}

/** Compares an uploaded authorization-server configuration with what is approved here. */
export async function checkDrift(
  db: Db,
  actor: Actor,
  file: { name: string; text: string },
  now = new Date(),
): Promise<DriftReport> {
  assertRole(actor, "admin");
  if (Buffer.byteLength(file.text) > MAX_DRIFT_FILE_BYTES)
    throw new AppError(
      "INVALID_INPUT",
      `The file is larger than ${MAX_DRIFT_FILE_BYTES / 1024 / 1024} MB.`,
    );
  const parsed = parseUpstreamConfig(file.text);
  if (!parsed.ok) throw new AppError("INVALID_INPUT", parsed.error, { file: [parsed.error] });
  return db.$transaction(async (tx) => {
    const report = computeDrift(
      await toRows(tx, await loadAllClientGrants(tx), false),
      parsed.config,
    );
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      action: "grants.drift_checked",
      entityType: "Export",
      after: {
        file: file.name.slice(0, 200),
        format: report.format,
        driftingClients: report.clients
          .map((c) => ({
            clientId: c.clientId,
            unapproved: c.unapproved.length,
            missing: c.missing.length,
          }))
          .slice(0, 200),
        unknownClients: report.unknownClients.length,
        absentUpstream: report.absentUpstream.length,
        inSync: report.inSyncCount,
      },
      at: now,
    });
    return report;
  });
}

export const exportFilename = (format: ExportFormat, now = new Date()) =>
  `scopewarden-${format}-${now.toISOString().slice(0, 10)}.json`;
