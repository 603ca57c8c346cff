// GET /api/v1/export, free of any HTTP framework: the API key first, then the format, then the export.
import type { Db } from "../database/client";
import { apiError, type HttpResult } from "../http/result";
import { exportApprovedScopes, exportFilename } from "./export-service";
import { unauthorized, type EnforcementApi, type IncomingCall } from "./http";
import { ZExportFormat } from "./schemas";

export async function exportForGateway(
  api: EnforcementApi,
  db: Db,
  call: IncomingCall,
  format: string | null,
): Promise<HttpResult> {
  const key = await api.authenticate(call);
  if (!key) return unauthorized();
  const parsed = ZExportFormat.safeParse(format ?? undefined);
  if (!parsed.success) return apiError("INVALID_INPUT", "format must be generic or keycloak.");
  const body = await exportApprovedScopes(db, { kind: "api_key", key }, parsed.data);
  return {
    status: 200,
    body,
    headers: { "Content-Disposition": `inline; filename="${exportFilename(parsed.data)}"` },
  };
}
