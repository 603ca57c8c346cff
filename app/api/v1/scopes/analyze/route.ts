/**
 * POST /api/v1/scopes/analyze — public, stateless: analyses a SMART scope set.
 * All request handling lives in lib/analysis/http.ts; this file only adapts it to Next.
 */
import { handleAnalyzeRequest } from "@/lib/analysis/http";
import { getDb } from "@/lib/db";
import { jsonRoute, toResponse } from "@/lib/http/route";
import { consumeOrThrow, LIMITS } from "@/lib/rate-limit";
import { requestIp } from "@/lib/server/request";

export const runtime = "nodejs";

export const POST = jsonRoute(async (request: Request) => {
  const ip = await requestIp();
  if (ip) await consumeOrThrow(getDb(), LIMITS.analyze, ip);
  return toResponse(await handleAnalyzeRequest(request));
});
