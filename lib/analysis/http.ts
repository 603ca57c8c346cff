/**
 * Request handling for POST /api/v1/scopes/analyze, free of Next.js so it can be
 * unit-tested: content-type and size limits, JSON and zod checks, then the analysis.
 */
import {
  isDeclaredTooLarge,
  isJsonContentType,
  MAX_BODY_BYTES,
  readBodyCapped,
} from "../http/body";
import {
  apiError,
  invalidBody,
  notJson,
  parseJsonText,
  tooLarge,
  unreadableBody,
  type HttpResult,
} from "../http/result";
import { splitScopeString } from "../scopes/parse";
import { ZAnalyzeRequest } from "../scopes/schemas";
import { analyzeScopes } from "./analyze";

export const MAX_SCOPES = 200;

const SHAPE = '{"scopes": "<space-separated scopes>"}';
const HINT = " Send fewer scopes per request.";

/** Everything after the body is read: pure, so tests need no server. */
export function analyzeRequestBody(text: string): HttpResult {
  if (text.length > MAX_BODY_BYTES || new TextEncoder().encode(text).byteLength > MAX_BODY_BYTES)
    return tooLarge(MAX_BODY_BYTES, HINT);
  const body = parseJsonText(text, SHAPE);
  if ("status" in body) return body;
  const parsed = ZAnalyzeRequest.safeParse(body.json);
  if (!parsed.success) return invalidBody(parsed.error);
  const { scopes, clientType } = parsed.data;
  const count = typeof scopes === "string" ? splitScopeString(scopes).length : scopes.length;
  if (count > MAX_SCOPES) {
    return apiError(
      "TOO_MANY_SCOPES",
      `${count} scopes were sent; at most ${MAX_SCOPES} are analysed per request: split the set.`,
    );
  }
  return { status: 200, body: analyzeScopes(scopes, { clientType }) };
}

export async function handleAnalyzeRequest(request: Request): Promise<HttpResult> {
  if (!isJsonContentType(request.headers.get("content-type"))) return notJson();
  if (isDeclaredTooLarge(request.headers.get("content-length")))
    return tooLarge(MAX_BODY_BYTES, HINT);
  const read = await readBodyCapped(request.body);
  if (read.kind !== "ok") return unreadableBody(read, MAX_BODY_BYTES, HINT);
  return analyzeRequestBody(read.text);
}
