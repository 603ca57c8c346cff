/** POST /api/v1/decisions — may this client make this FHIR request? (API key; lib/enforcement/http.ts) */
import { callOf, getEnforcementApi } from "@/lib/server/enforcement";
import { jsonRoute, toResponse } from "@/lib/http/route";

export const runtime = "nodejs";

export const POST = jsonRoute(async (request: Request) =>
  toResponse(await (await getEnforcementApi()).decision(callOf(request))),
);
