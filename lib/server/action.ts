import "server-only";
import { unstable_rethrow } from "next/navigation";
import { isAppError, type FieldErrors } from "../errors";

/** What every form's server action returns to `useActionState`. */
export type ActionState = {
  status: "idle" | "success" | "error";
  message?: string;
  fieldErrors?: FieldErrors;
  /** What the user typed (never passwords or secrets), so a failed submit loses nothing. */
  values?: Record<string, string>;
  data?: Record<string, unknown>;
};

const SECRET_FIELDS = /password|secret|token/i;

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION")) values[key] = value;
  }
  return values;
}

function keepable(values: Record<string, string> | undefined) {
  if (!values) return undefined;
  return Object.fromEntries(Object.entries(values).filter(([key]) => !SECRET_FIELDS.test(key)));
}

/** With errors shown by their fields, the form-level message only says where to look. */
function summaryOf(message: string, fieldErrors: FieldErrors | undefined): string {
  const fields = Object.keys(fieldErrors ?? {}).filter((key) => key !== "_form");
  if (fields.length === 0) return message;
  return fields.length === 1
    ? "Please correct the highlighted field."
    : `Please correct the ${fields.length} highlighted fields.`;
}

/**
 * Runs an action body: expected errors become a message the user can act on (with the field
 * errors and the typed values); anything else is logged and shown generically. Redirects pass.
 */
export async function runAction(
  values: Record<string, string> | undefined,
  body: () => Promise<ActionState | void>,
): Promise<ActionState> {
  try {
    return (await body()) ?? { status: "success" };
  } catch (error) {
    unstable_rethrow(error);
    if (isAppError(error)) {
      return {
        status: "error",
        message: summaryOf(error.message, error.fieldErrors),
        fieldErrors: error.fieldErrors,
        values: keepable(values),
      };
    }
    console.error("server action failed", error);
    return {
      status: "error",
      message: "Something went wrong on our side and nothing was saved. Please try again.",
      values: keepable(values),
    };
  }
}
