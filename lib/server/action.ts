import "server-only";
// The core of every server action, free of Next.js request glue so tests run it as it is: the
// role check, input validation, the body, error mapping and the after-response hook, in that order.
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { CurrentUser } from "../auth/current-user";
import { isDatabaseUnavailable } from "../database/connection-errors";
import {
  AppError,
  isAppError,
  serviceUnavailable,
  type ErrorCode,
  type FieldErrors,
} from "../errors";
import type { Role } from "../generated/prisma/enums";
import { parseOrThrow, unsafeTextIn } from "../validation";

/** Who may call an action: one role, any signed-in user, or anyone (sign-up, invitations). */
export type Audience = Role | "user" | "public";
const ALLOWED: Record<Exclude<Audience, "public">, readonly Role[]> = {
  partner: ["partner"],
  admin: ["admin"],
  reviewer: ["reviewer"],
  user: ["partner", "admin", "reviewer"],
};
export type UserOf<A extends Audience> = A extends "public" ? null : CurrentUser;

/** What every action returns; `data` is typed by the action's body. */
export type ActionState<T = unknown> =
  | {
      status: "idle";
      message?: undefined;
      code?: undefined;
      fieldErrors?: undefined;
      data?: undefined;
    }
  | { status: "success"; message?: string; code?: undefined; fieldErrors?: undefined; data: T }
  | ActionFailure;
export type ActionFailure = {
  status: "error";
  message: string;
  /** Absent for unexpected failures (logged on the server, shown generically). */
  code?: ErrorCode;
  fieldErrors?: FieldErrors;
  data?: undefined;
};

/** A server action as its callers see it: one typed input, one typed state. */
export type ServerAction<I, T> = (input: I) => Promise<ActionState<T>>;

export type ActionContext<A extends Audience, S extends z.ZodType> = {
  /** The input as the schema parsed it. */
  input: z.output<S>;
  /** The input as it was sent, known to be valid: for domain functions that parse it themselves. */
  submitted: z.input<S>;
  user: UserOf<A>;
  revalidate: (path: string, type?: "layout" | "page") => void;
  ip: () => Promise<string | null>;
};
/** A body returns an optional message for the user and optional data for the component. */
export type Outcome = { message?: string; data?: unknown } | void;
export type DataOf<R> = R extends { data: infer D } ? D : undefined;

export type ActionDefinition<A extends Audience, S extends z.ZodType, R extends Outcome> = {
  audience: A;
  schema: S;
  // A method, so any action's definition is also an ActionDefinition<Audience, ZodType, Outcome>.
  body(context: ActionContext<A, S>): Promise<R>;
};

/** What the core needs from where it runs (Next.js in the app, plain functions in tests). */
export type ActionEdge = {
  getUser: () => Promise<CurrentUser | null>;
  revalidate: (path: string, type?: "layout" | "page") => void;
  ip: () => Promise<string | null>;
  /** The after-response hook: scheduled after the response by Next.js, awaited by tests. */
  afterResponse: () => void | Promise<void>;
};

export const UNEXPECTED_MESSAGE =
  "Something went wrong on our side and nothing was saved. Please try again.";

async function authorize(audience: Audience, getUser: ActionEdge["getUser"]) {
  if (audience === "public") return null;
  const user = await getUser();
  if (!user) throw new AppError("UNAUTHORIZED", "Your session has ended. Sign in again.");
  if (!ALLOWED[audience].includes(user.role))
    throw new AppError("FORBIDDEN", "Your role does not allow this.");
  return user;
}

function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const unsafe = unsafeTextIn(input);
  if (unsafe) {
    const message = Object.values(unsafe)[0]?.[0] ?? "Some text cannot be accepted.";
    throw new AppError("INVALID_INPUT", message, unsafe);
  }
  return parseOrThrow(schema, input);
}

/** With errors shown by their fields, the form-level message only says where to look. */
function summaryOf(message: string, fieldErrors: FieldErrors | undefined): string {
  const fields = Object.keys(fieldErrors ?? {}).filter((key) => key !== "_form");
  if (fields.length === 0) return message;
  return fields.length === 1
    ? "Please correct the highlighted field."
    : `Please correct the ${fields.length} highlighted fields.`;
}

function failureOf(caught: unknown): ActionFailure {
  // An unreachable database is expected too: nothing was saved, and the same submit may be retried.
  const error = isDatabaseUnavailable(caught) ? serviceUnavailable() : caught;
  if (isAppError(error)) {
    return {
      status: "error",
      code: error.code,
      message: summaryOf(error.message, error.fieldErrors),
      fieldErrors: error.fieldErrors,
    };
  }
  console.error("server action failed", error);
  return { status: "error", message: UNEXPECTED_MESSAGE };
}

/**
 * Runs one call of an action. Expected errors (AppError) become a message the user can act on,
 * anything else is logged and shown generically; redirect() and notFound() pass through. The
 * after-response hook runs whatever happened, so mail and webhooks queued by the body go out now.
 */
export async function runAction<A extends Audience, S extends z.ZodType, R extends Outcome>(
  definition: ActionDefinition<A, S, R>,
  input: unknown,
  edge: ActionEdge,
): Promise<ActionState<DataOf<R>>> {
  try {
    const user = (await authorize(definition.audience, edge.getUser)) as UserOf<A>;
    const parsed = parseInput(definition.schema, input);
    const submitted = input as z.input<S>;
    const context = { input: parsed, submitted, user, revalidate: edge.revalidate, ip: edge.ip };
    const outcome: { message?: string; data?: unknown } = (await definition.body(context)) ?? {};
    return { status: "success", message: outcome.message, data: outcome.data as DataOf<R> };
  } catch (error) {
    unstable_rethrow(error);
    return failureOf(error);
  } finally {
    try {
      await edge.afterResponse();
    } catch (error) {
      console.error("the after-response hook failed; the recurring jobs will catch up", error);
    }
  }
}
