/** GET /api/v1/export?format=generic|keycloak — every client's approved scopes (API key). */
import { getDb } from "@/lib/db";
import { exportForGateway } from "@/lib/enforcement/export-http";
import { callOf, getEnforcementApi } from "@/lib/server/enforcement";
import { jsonRoute, toResponse } from "@/lib/http/route";

export const runtime = "nodejs";

export const GET = jsonRoute(async (request: Request) =>
  toResponse(
    await exportForGateway(
      await getEnforcementApi(),
      getDb(),
      callOf(request),
      new URL(request.url).searchParams.get("format"),
    ),
  ),
);
