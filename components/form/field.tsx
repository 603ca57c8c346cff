import type { ComponentProps, ReactNode } from "react";
import { cn } from "../ui/cn";

export const inputClass =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-600 focus:outline-none aria-[invalid=true]:ring-red-500 disabled:bg-slate-50";

type FieldProps = {
  label: ReactNode;
  name: string;
  errors?: string[];
  hint?: ReactNode;
  children?: ReactNode;
  required?: boolean;
};

/** A labelled control with its hint and errors announced to screen readers. */
export function Field({ label, name, errors, hint, children, required }: FieldProps) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={name} className="block text-sm font-medium text-slate-800">
        {label}
        {required ? (
          <span className="text-red-600" aria-hidden>
            {" "}
            *
          </span>
        ) : null}
      </label>
      {children}
      {hint ? (
        <p id={`${name}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldErrors name={name} errors={errors} />
    </div>
  );
}

export function FieldErrors({ name, errors }: { name: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={`${name}-error`} className="text-sm text-red-700" role="alert">
      {errors.join(" ")}
    </p>
  );
}

export function describedBy(name: string, errors?: string[], hasHint?: boolean) {
  const ids = [hasHint ? `${name}-hint` : null, errors?.length ? `${name}-error` : null].filter(
    Boolean,
  );
  return ids.length ? ids.join(" ") : undefined;
}

type InputProps = ComponentProps<"input"> & { name: string; errors?: string[]; hasHint?: boolean };

export function TextInput({ name, errors, hasHint, className, ...props }: InputProps) {
  return (
    <input
      id={name}
      name={name}
      aria-invalid={errors?.length ? true : undefined}
      aria-describedby={describedBy(name, errors, hasHint)}
      className={cn(inputClass, className)}
      {...props}
    />
  );
}

type TextAreaProps = ComponentProps<"textarea"> & {
  name: string;
  errors?: string[];
  hasHint?: boolean;
};

export function TextArea({ name, errors, hasHint, className, ...props }: TextAreaProps) {
  return (
    <textarea
      id={name}
      name={name}
      aria-invalid={errors?.length ? true : undefined}
      aria-describedby={describedBy(name, errors, hasHint)}
      className={cn(inputClass, "min-h-20", className)}
      {...props}
    />
  );
}

type SelectProps = ComponentProps<"select"> & {
  name: string;
  errors?: string[];
  hasHint?: boolean;
};

export function Select({ name, errors, hasHint, className, children, ...props }: SelectProps) {
  return (
    <select
      id={name}
      name={name}
      aria-invalid={errors?.length ? true : undefined}
      aria-describedby={describedBy(name, errors, hasHint)}
      className={cn(inputClass, "pr-8", className)}
      {...props}
    >
      {children}
    </select>
  );
}
