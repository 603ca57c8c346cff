/**
 * POST /api/v1/scopes/analyze — public, stateless: analyses a SMART scope set.
 * All request handling lives in lib/scopes/http.ts; this file only adapts it to Next.
 */
import { handleAnalyzeRequest } from "@/lib/scopes/http";

export const runtime = "nodejs";

export async function POST(request: Request): Promise<Response> {
  const { status, body } = await handleAnalyzeRequest(request);
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
