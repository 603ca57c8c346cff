import { auditCsvFilename, auditCsvStream, recordAuditExport } from "@/lib/audit/csv";
import { parseAuditFilters } from "@/lib/audit/queries";
import { requireUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { httpStatusOf, isAppError } from "@/lib/errors";
import { requestIp } from "@/lib/server/request";

/** The audit log as CSV, filtered like the table; admins only, checked here and not just by the proxy. */
export async function GET(request: Request): Promise<Response> {
  try {
    const admin = await requireUser(["admin"]);
    const filters = parseAuditFilters(Object.fromEntries(new URL(request.url).searchParams));
    const db = getDb();
    await recordAuditExport(db, admin, filters, await requestIp());
    return new Response(auditCsvStream(db, admin, filters), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${auditCsvFilename()}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (isAppError(error)) {
      return new Response(`${error.message}\n`, { status: httpStatusOf[error.code], headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
    }
    throw error;
  }
}
