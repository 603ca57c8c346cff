import { requireUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { exportApprovedScopes, exportFilename } from "@/lib/enforcement/export-service";
import { ZExportFormat } from "@/lib/enforcement/schemas";
import { downloadResponse, downloadRoute } from "@/lib/http/route";

/** Approved scopes as a JSON download (generic or Keycloak); admins only, checked here. */
export const GET = downloadRoute(async (request: Request) => {
  const admin = await requireUser(["admin"]);
  const parsed = ZExportFormat.safeParse(
    new URL(request.url).searchParams.get("format") ?? undefined,
  );
  if (!parsed.success) throw new AppError("INVALID_INPUT", "format must be generic or keycloak.");
  const body = await exportApprovedScopes(getDb(), { kind: "admin", actor: admin }, parsed.data);
  return downloadResponse(
    `${JSON.stringify(body, null, 2)}\n`,
    "application/json; charset=utf-8",
    exportFilename(parsed.data),
  );
});
