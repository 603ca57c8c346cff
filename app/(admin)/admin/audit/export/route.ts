import { auditCsvFilename, auditCsvStream, recordAuditExport } from "@/lib/audit/csv";
import { parseAuditFilters } from "@/lib/audit/queries";
import { requireUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { requestIp } from "@/lib/server/request";
import { downloadResponse, downloadRoute } from "@/lib/http/route";

/**
 * The audit log as CSV, filtered like the table; admins only, checked here and not just by the
 * proxy. A POST (the page's form; proxy.ts refuses other origins), because it writes the export's
 * own audit event: a link followed from elsewhere must not.
 */
export const POST = downloadRoute(async (request: Request) => {
  const admin = await requireUser(["admin"]);
  const filters = parseAuditFilters(Object.fromEntries(new URL(request.url).searchParams));
  const db = getDb();
  await recordAuditExport(db, admin, filters, await requestIp());
  return downloadResponse(
    auditCsvStream(db, admin, filters),
    "text/csv; charset=utf-8",
    auditCsvFilename(),
  );
});
