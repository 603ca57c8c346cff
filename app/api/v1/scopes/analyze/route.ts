/**
 * POST /api/v1/scopes/analyze — public, stateless: analyses a SMART scope set.
 * All request handling lives in lib/analysis/http.ts; this file only adapts it to Next.
 */
import { handleAnalyzeRequest } from "@/lib/analysis/http";
import { jsonRoute, toResponse } from "@/lib/http/route";

export const runtime = "nodejs";

export const POST = jsonRoute(async (request: Request) =>
  toResponse(await handleAnalyzeRequest(request)),
);
