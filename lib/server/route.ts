import "server-only";
import { isAppError, httpStatusOf, serviceUnavailable, type AppError } from "../errors";
import { getAvailability } from "../runtime/availability";

/** An unreachable database as SERVICE_UNAVAILABLE (and a re-probe, so the next requests get 503 at once). */
function expectedError(request: Request, error: unknown): AppError | null {
  if (isAppError(error)) return error;
  if (!getAvailability().report(error)) return null;
  console.warn(`${request.method} ${new URL(request.url).pathname}: the database is unreachable`);
  return serviceUnavailable();
}

/**
 * Wraps a JSON route handler: expected errors (AppError, and SERVICE_UNAVAILABLE for an unreachable
 * database) become their status and `{"error": {"code", "message"}}`; anything else is logged and
 * answered with a generic 500.
 */
export function jsonRoute<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      return await handler(request, context);
    } catch (caught) {
      const error = expectedError(request, caught);
      if (error) {
        const body = {
          error: {
            code: error.code,
            message: error.message,
            ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
          },
        };
        const headers: Record<string, string> = { "Cache-Control": "no-store" };
        if (error.retryAfterSeconds) headers["Retry-After"] = String(error.retryAfterSeconds);
        if (error.code === "UNAUTHORIZED")
          headers["WWW-Authenticate"] = 'Bearer realm="scopewarden"';
        return Response.json(body, { status: httpStatusOf[error.code], headers });
      }
      console.error(`${request.method} ${new URL(request.url).pathname} failed`, caught);
      return Response.json(
        {
          error: {
            code: "INTERNAL",
            message: "Something went wrong on our side. Retry, and treat it as a denial meanwhile.",
          },
        },
        { status: 500, headers: { "Cache-Control": "no-store" } },
      );
    }
  };
}

/** A framework-neutral result (status, headers, JSON body) as a Response. */
export function toResponse(result: {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}): Response {
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
 * Wraps a file-download route for signed-in users: expected errors (AppError: not signed in, wrong
 * role, not found, bad input) become their status with the message as plain text.
 */
export function downloadRoute<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      return await handler(request, context);
    } catch (caught) {
      const error = expectedError(request, caught);
      if (error) {
        const headers: Record<string, string> = {
          "Content-Type": "text/plain; charset=utf-8",
          "Cache-Control": "no-store",
        };
        if (error.retryAfterSeconds) headers["Retry-After"] = String(error.retryAfterSeconds);
        return new Response(`${error.message}\n`, { status: httpStatusOf[error.code], headers });
      }
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
