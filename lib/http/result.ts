// The one JSON error shape of every HTTP answer the product gives, whichever server sends it:
// {"error": {"code", "message", "issues"?}} with the status httpStatusOf[code] (lib/errors.ts).
import { z } from "zod";
import { ERROR_CODES, httpStatusOf, type AppError, type ErrorCode } from "../errors";
import type { BodyRead } from "./body";

/** A framework-neutral answer: Next's routes and node:http both send it as it is. */
export type HttpResult = {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
};

export type Issue = { path: string; message: string };

export const ZIssue = z.object({ path: z.string(), message: z.string() });

/** The error body, for parsing answers and for the OpenAPI document (which narrows `code`). */
export const errorBodySchema = (codes: readonly [ErrorCode, ...ErrorCode[]] = ERROR_CODES) =>
  z.strictObject({
    error: z.strictObject({
      code: z.enum(codes),
      message: z.string(),
      issues: z.array(ZIssue).optional(),
    }),
  });

export const ZApiError = errorBodySchema();
export type ApiErrorBody = z.infer<typeof ZApiError>;

export function apiError(
  code: ErrorCode,
  message: string,
  options: { issues?: Issue[]; retryAfterSeconds?: number } = {},
): HttpResult {
  const headers: Record<string, string> = {};
  if (code === "UNAUTHORIZED") headers["WWW-Authenticate"] = 'Bearer realm="scopewarden"';
  if (options.retryAfterSeconds) headers["Retry-After"] = String(options.retryAfterSeconds);
  const error = options.issues ? { code, message, issues: options.issues } : { code, message };
  const body: ApiErrorBody = { error };
  return Object.keys(headers).length
    ? { status: httpStatusOf[code], body, headers }
    : { status: httpStatusOf[code], body };
}

/** An expected failure raised by domain code, as an answer; field errors become issues. */
export function appErrorResult(error: AppError): HttpResult {
  const issues = error.fieldErrors
    ? Object.entries(error.fieldErrors).flatMap(([field, messages]) =>
        messages.map((message) => ({ path: field === "_form" ? "(body)" : field, message })),
      )
    : undefined;
  return apiError(error.code, error.message, {
    issues,
    retryAfterSeconds: error.retryAfterSeconds,
  });
}

export const issuesOf = (error: z.ZodError): Issue[] =>
  error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));

/** A body that does not match its schema: 400 with the first message and every issue. */
export function invalidBody(error: z.ZodError): HttpResult {
  const issues = issuesOf(error);
  return apiError("INVALID_INPUT", issues[0]?.message ?? "Invalid request body.", { issues });
}

export const tooLarge = (maxBytes: number, hint = "") =>
  apiError("PAYLOAD_TOO_LARGE", `The body is larger than ${maxBytes / 1024} KB.${hint}`);

export const notJson = () =>
  apiError(
    "UNSUPPORTED_MEDIA_TYPE",
    "Send the body as JSON with the header Content-Type: application/json.",
  );

/** The answer for a body that could not be read (too large, too slow, not UTF-8). */
export function unreadableBody(
  read: Exclude<BodyRead, { kind: "ok" }>,
  maxBytes: number,
  tooLargeHint = "",
): HttpResult {
  if (read.kind === "too_large") return tooLarge(maxBytes, tooLargeHint);
  if (read.kind === "timeout")
    return apiError("REQUEST_TIMEOUT", "The request body did not arrive in time: retry.");
  return apiError("INVALID_INPUT", "The body is not valid UTF-8 JSON.");
}

/** The body's JSON value, or 400 naming the expected `shape`. */
export function parseJsonText(text: string, shape: string): { json: unknown } | HttpResult {
  try {
    return { json: JSON.parse(text) as unknown };
  } catch {
    return apiError("INVALID_INPUT", `The body is not valid JSON: send ${shape}.`);
  }
}

/** Anything unexpected: logged by the caller, answered without detail. */
export const internalError = (
  message = "Something went wrong on our side. Retry, and treat it as a denial meanwhile.",
) => apiError("INTERNAL", message);
