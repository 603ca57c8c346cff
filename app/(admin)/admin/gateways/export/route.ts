import { requireUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { httpStatusOf, isAppError } from "@/lib/errors";
import { exportApprovedScopes, exportFilename } from "@/lib/enforcement/export-service";
import { ZExportFormat } from "@/lib/enforcement/schemas";

/** Approved scopes as a JSON download (generic or Keycloak); admins only, checked here. */
export async function GET(request: Request): Promise<Response> {
  try {
    const admin = await requireUser(["admin"]);
    const parsed = ZExportFormat.safeParse(new URL(request.url).searchParams.get("format") ?? undefined);
    if (!parsed.success) return new Response("format must be generic or keycloak.\n", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    const body = await exportApprovedScopes(getDb(), { kind: "admin", actor: admin }, parsed.data);
    return new Response(`${JSON.stringify(body, null, 2)}\n`, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${exportFilename(parsed.data)}"`,
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
