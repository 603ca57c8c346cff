/** GET /api/v1/decisions/nginx — the same decision for nginx auth_request: headers in, 204 or 403 out. */
import { callOf, getEnforcementApi } from "@/lib/server/enforcement";
import { jsonRoute, toResponse } from "@/lib/http/route";

export const runtime = "nodejs";

export const GET = jsonRoute(async (request: Request) =>
  toResponse(await (await getEnforcementApi()).nginxDecision(callOf(request))),
);
