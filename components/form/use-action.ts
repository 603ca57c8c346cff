"use client";
// The one way components call server actions: execute(input) with the action's own input type,
// or a form whose fields are read into that type. The state keeps what was typed after a failure
// (never passwords, secrets or tokens), focus moves to the first invalid field, and a success
// message can go to the page-level flash, which outlives the control that caused it.
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import type { ActionState, ServerAction } from "@/lib/server/action";
import { useFlash } from "../layout/flash";

export type ActionView<I, T> = ActionState<T> & { values?: Partial<I> };

type Options<I, T> = {
  onSuccess?: (data: T, input: I) => void | Promise<void>;
  /** Announce the success message in the page-level flash. */
  flash?: boolean;
  /** Move focus to the first invalid field after a failure (default true). */
  focusOnError?: boolean;
};

/** A form's fields, read for an action's input type (the server validates whatever arrives). */
export type FormFields = {
  text: (name: string) => string;
  texts: (name: string) => string[];
  isChecked: (name: string) => boolean;
  /** The text fields whose names start with `prefix`, as [name, value] pairs. */
  named: (prefix: string) => [string, string][];
  file: (name: string) => File | null;
  /** A value from a fixed set of options, typed as one of them. */
  choice: <C extends string>(name: string, options: readonly C[]) => C;
  /** Every value of a repeated field (checkboxes) from a fixed set of options. */
  choices: <C extends string>(name: string, options: readonly C[]) => C[];
};

const SECRET_FIELDS = /password|secret|token/i;
export const UNREACHABLE_MESSAGE =
  "The request did not go through: check your connection, reload the page and try again.";

function fieldsOf(formData: FormData): FormFields {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  return {
    text,
    texts: (name) => formData.getAll(name).filter((v): v is string => typeof v === "string"),
    isChecked: (name) => formData.has(name),
    named: (prefix) =>
      [...formData.entries()].flatMap(([key, value]) =>
        key.startsWith(prefix) && typeof value === "string"
          ? [[key, value] as [string, string]]
          : [],
      ),
    file: (name) => {
      const value = formData.get(name);
      return value instanceof File ? value : null;
    },
    choice: <C extends string>(name: string) => text(name) as C,
    choices: <C extends string>(name: string) =>
      formData.getAll(name).filter((v): v is C => typeof v === "string"),
  };
}

function keepable<I>(input: I): Partial<I> | undefined {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return undefined;
  return Object.fromEntries(
    Object.entries(input).filter(([key]) => !SECRET_FIELDS.test(key)),
  ) as Partial<I>;
}

/** Next.js rejects the call of an action that redirected; its router is already on the way. */
const isRedirect = (error: unknown) =>
  typeof (error as { digest?: unknown } | null)?.digest === "string" &&
  (error as { digest: string }).digest.startsWith("NEXT_REDIRECT;");

/** The action's state, or null when it redirected. */
async function call<I, T>(action: ServerAction<I, T>, input: I): Promise<ActionState<T> | null> {
  try {
    return await action(input);
  } catch (error) {
    if (isRedirect(error)) return null;
    console.error(error);
    return { status: "error", message: UNREACHABLE_MESSAGE };
  }
}

export function useAction<I, T>(action: ServerAction<I, T>, options: Options<I, T> = {}) {
  const { onSuccess, flash: shouldFlash, focusOnError = true } = options;
  const [state, setState] = useState<ActionView<I, T>>({ status: "idle" });
  const [isPending, startTransition] = useTransition();
  const flash = useFlash();
  const shouldFocus = useRef(false);
  // After the failure has rendered, so its invalid fields are there to take focus.
  useEffect(() => {
    if (!shouldFocus.current) return;
    shouldFocus.current = false;
    document.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state]);

  const execute = useCallback(
    (input: I) =>
      // Always settles: React holds every navigation until a pending form action is over.
      new Promise<ActionState<T>>((resolve) => {
        startTransition(async () => {
          let settled: ActionState<T> = { status: "idle" };
          try {
            const result = await call(action, input);
            if (result === null) return;
            settled = result;
            if (result.status === "error") {
              shouldFocus.current = focusOnError;
              setState({ ...result, values: keepable(input) });
              return;
            }
            setState(result);
            if (result.status === "success") {
              if (shouldFlash && result.message) flash(result.message);
              await onSuccess?.(result.data, input);
            }
          } finally {
            resolve(settled);
          }
        });
      }),
    [action, flash, focusOnError, onSuccess, shouldFlash],
  );

  /** For `<form action={…}>`: React keeps the page from submitting before hydration. */
  const formAction = useCallback(
    (toInput: (fields: FormFields) => I) => async (formData: FormData) => {
      await execute(toInput(fieldsOf(formData)));
    },
    [execute],
  );

  const reset = useCallback(() => setState({ status: "idle" }), []);
  return { state, execute, formAction, isPending, reset };
}
