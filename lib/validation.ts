import { z } from "zod";
import { AppError, notFound, type FieldErrors } from "./errors";

/** Zod issues as { field: [messages] }; issues without a path go under "_form". */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function parseOrThrow<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const fieldErrors = fieldErrorsOf(result.error);
  const first = Object.values(fieldErrors)[0]?.[0] ?? "Some fields need attention.";
  throw new AppError(
    "INVALID_INPUT",
    Object.keys(fieldErrors).length > 1 ? "Some fields need attention." : first,
    fieldErrors,
  );
}

// PostgreSQL refuses a NUL byte in text (error 22021), and a lone surrogate has no UTF-8 form.
const UNSTORABLE = /[\0\p{Cs}]/u;

/** False for text the database cannot store or compare: check before it reaches a query. */
export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);

const ZUuid = z.uuid();

export const isUuid = (value: unknown): value is string => ZUuid.safeParse(value).success;

/**
 * An id from a route parameter (or a form field naming a record): a malformed one is a record
 * that does not exist, so it is NOT_FOUND before any query runs.
 */
export function parseIdParam(value: unknown, what = "That record"): string {
  if (isUuid(value)) return value.toLowerCase();
  throw notFound(what);
}
