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

/** Longer than any field the portal has (the scope list allows 16,000 characters). */
export const MAX_TEXT_CHARS = 20_000;
const MAX_DEPTH = 32;

function textProblemOf(text: string): string | null {
  if (!isStorableText(text))
    return text.includes("\u0000")
      ? "Remove the NUL character: text may not contain it."
      : "This text contains a broken character; type it again.";
  if (text.length > MAX_TEXT_CHARS)
    return `This text is too long (at most ${MAX_TEXT_CHARS.toLocaleString("en")} characters).`;
  return null;
}

/**
 * The first piece of text in a request that no field accepts and PostgreSQL would refuse (NUL,
 * unpaired surrogates) or that is longer than any field, as field errors; null when all is well.
 * Runs before the schema, so no schema has to remember it.
 */
export function unsafeTextIn(value: unknown, path: string[] = []): FieldErrors | null {
  const at = (message: string): FieldErrors => ({ [path.join(".") || "_form"]: [message] });
  if (typeof value === "string") {
    const problem = textProblemOf(value);
    return problem ? at(problem) : null;
  }
  if (typeof value !== "object" || value === null) return null;
  if (path.length >= MAX_DEPTH) return at("This request is nested too deeply.");
  const prototype: unknown = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) return null;
  for (const [key, item] of Object.entries(value)) {
    const keyProblem = textProblemOf(key);
    if (keyProblem) return at(keyProblem);
    const problem = unsafeTextIn(item, [...path, key]);
    if (problem) return problem;
  }
  return null;
}
