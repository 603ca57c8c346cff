/** GET /api/v1/clients/{clientId}/grants — a client's live grants, with an ETag (API key). */
import { callOf, getEnforcementApi } from "@/lib/server/enforcement";
import { jsonRoute, toResponse } from "@/lib/http/route";

export const runtime = "nodejs";

export const GET = jsonRoute(
  async (request: Request, { params }: { params: Promise<{ clientId: string }> }) => {
    const { clientId } = await params;
    return toResponse(await (await getEnforcementApi()).clientGrants(callOf(request), clientId));
  },
);
