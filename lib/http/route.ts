// Route wrappers on the web-standard Request/Response (no framework import): Next's route
// handlers use them, and so could any server that speaks fetch.
import { isDatabaseUnavailable } from "../database/connection-errors";
import { httpStatusOf, isAppError, serviceUnavailable, type AppError } from "../errors";
import { isStorableText } from "../validation";
import { appErrorResult, apiError, internalError, type HttpResult } from "./result";

/** A framework-neutral result (status, headers, JSON body) as a Response. */
export function toResponse(result: HttpResult): Response {
  const headers = { "Cache-Control": "no-store", ...result.headers };
  if (
    result.body === null ||
    result.body === undefined ||
    result.status === 204 ||
    result.status === 304
  ) {
    return new Response(null, { status: result.status, headers });
  }
  return Response.json(result.body, { status: result.status, headers });
}

/**
 * A query string no handler should see: NUL bytes (which PostgreSQL refuses) or unpaired
 * surrogates. URLSearchParams decodes invalid UTF-8 to U+FFFD, so NUL is what really gets through.
 */
function refuseQuery(request: Request): HttpResult | null {
  for (const [name, value] of new URL(request.url).searchParams) {
    if (!isStorableText(name) || !isStorableText(value))
      return apiError(
        "INVALID_INPUT",
        "The query string contains a NUL byte or a broken character.",
      );
  }
  return null;
}

/** Expected failures: an AppError, or an unreachable database (SERVICE_UNAVAILABLE, retry later). */
function expectedError(request: Request, error: unknown): AppError | null {
  if (isAppError(error)) return error;
  if (!isDatabaseUnavailable(error)) return null;
  console.warn(`${request.method} ${new URL(request.url).pathname}: the database is unreachable`);
  return serviceUnavailable();
}

/**
 * Wraps a JSON route handler: the query string is checked first; expected errors (AppError, and
 * SERVICE_UNAVAILABLE for an unreachable database) become their status and the error body;
 * anything else is logged and answered with a generic 500.
 */
export function jsonRoute<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      const refused = refuseQuery(request);
      if (refused) return toResponse(refused);
      return await handler(request, context);
    } catch (caught) {
      const error = expectedError(request, caught);
      if (error) return toResponse(appErrorResult(error));
      console.error(`${request.method} ${new URL(request.url).pathname} failed`, caught);
      return toResponse(internalError());
    }
  };
}

function plainText(status: number, message: string, retryAfterSeconds?: number) {
  const headers: Record<string, string> = {
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
  };
  if (retryAfterSeconds) headers["Retry-After"] = String(retryAfterSeconds);
  return new Response(`${message}\n`, { status, headers });
}

/**
 * Wraps a file-download route for signed-in users: expected errors (AppError: not signed in, wrong
 * role, not found, bad input) become their status with the message as plain text.
 */
export function downloadRoute<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    const refused = refuseQuery(request);
    if (refused) return plainText(refused.status, "The address contains a broken character.");
    try {
      return await handler(request, context);
    } catch (caught) {
      const error = expectedError(request, caught);
      if (error) return plainText(httpStatusOf[error.code], error.message, error.retryAfterSeconds);
      throw caught;
    }
  };
}

/** A download: the body with its type, an attachment file name, and no caching or sniffing. */
export function downloadResponse(body: BodyInit, contentType: string, filename: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
