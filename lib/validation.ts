import type { z } from "zod";
import { AppError, type FieldErrors } from "./errors";

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

/** Longer than any field the portal has (the scope list allows 16,000 characters). */
export const MAX_TEXT_CHARS = 20_000;
const MAX_DEPTH = 32;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblemOf(text: string): string | null {
  if (text.includes("\u0000")) return "Remove the NUL character: text may not contain it.";
  if (LONE_SURROGATE.test(text)) return "This text contains a broken character; type it again.";
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
