// The one error vocabulary: domain code raises these codes, and the edge (pages, actions, the JSON
// routes and the node:http decision server) maps each to its HTTP status, here and nowhere else.
export const ERROR_CODES = [
  "INVALID_INPUT",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "REQUEST_TIMEOUT",
  "CONFLICT",
  "PAYLOAD_TOO_LARGE",
  "TOO_MANY_SCOPES",
  "UNSUPPORTED_MEDIA_TYPE",
  "RATE_LIMITED",
  "INTERNAL",
  "SERVICE_UNAVAILABLE",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const httpStatusOf: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_SCOPES: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
};

export type FieldErrors = Record<string, string[]>;

/** An expected failure with a message the user can act on. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

export function notFound(what = "That record"): AppError {
  return new AppError("NOT_FOUND", `${what} was not found.`);
}

export function forbidden(message = "You do not have access to this."): AppError {
  return new AppError("FORBIDDEN", message);
}

export function conflict(message: string, fieldErrors?: FieldErrors): AppError {
  return new AppError("CONFLICT", message, fieldErrors);
}

/** How long clients are asked to wait (Retry-After) while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

/** The database cannot be reached: nothing was done, and the same request may simply be retried. */
export function serviceUnavailable(): AppError {
  return new AppError(
    "SERVICE_UNAVAILABLE",
    "Scopewarden is temporarily unavailable. Nothing was changed; try again shortly.",
    undefined,
    RETRY_AFTER_SECONDS,
  );
}

/** Prisma's unique-constraint violation, whichever driver raised it. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.code === "P2002" || e?.code === "23505" || e?.cause?.code === "23505";
}
