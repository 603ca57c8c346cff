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
