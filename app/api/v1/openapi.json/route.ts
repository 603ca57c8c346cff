/** GET /api/v1/openapi.json — the OpenAPI 3.1 description of /api/v1, generated from the zod schemas (public). */
import { buildOpenApiDocument } from "@/lib/openapi/document";

export const runtime = "nodejs";

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export function GET(request: Request): Response {
  document ??= buildOpenApiDocument();
  const origin = new URL(request.url).origin;
  return Response.json(
    { ...document, servers: [{ url: origin }] },
    { headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" } },
  );
}
