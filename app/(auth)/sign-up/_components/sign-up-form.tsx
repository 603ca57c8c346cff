"use client";
import Link from "next/link";
import { Field, TextInput } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { useAction } from "@/components/form/use-action";
import { Button } from "@/components/ui/button";
import { signUpAction } from "../actions";

const PASSWORD_HINT =
  "At least 12 characters, mixing at least two of: lower-case, capitals, digits, symbols.";

export function SignUpForm() {
  const { state, formAction, isPending } = useAction(signUpAction);
  if (state.status === "success")
    return (
      <div className="space-y-4">
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {state.message}
        </p>
        <p className="text-sm text-slate-600">
          Then{" "}
          <Link href="/sign-in" className="font-medium text-brand-700 hover:underline">
            sign in
          </Link>
          .
        </p>
      </div>
    );

  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  return (
    <form
      action={formAction((fields) => ({
        organizationName: fields.text("organizationName"),
        name: fields.text("name"),
        email: fields.text("email"),
        password: fields.text("password"),
      }))}
      className="space-y-4"
      noValidate
    >
      <FormMessage
        status={state.status}
        message={state.status === "error" ? state.message : undefined}
      />
      <Field
        label="Organisation name"
        name="organizationName"
        errors={errors.organizationName}
        required
      >
        <TextInput
          name="organizationName"
          defaultValue={values.organizationName}
          autoComplete="organization"
          errors={errors.organizationName}
          required
        />
      </Field>
      <Field label="Your name" name="name" errors={errors.name} required>
        <TextInput
          name="name"
          defaultValue={values.name}
          autoComplete="name"
          errors={errors.name}
          required
        />
      </Field>
      <Field label="Work e-mail" name="email" errors={errors.email} required>
        <TextInput
          name="email"
          type="email"
          defaultValue={values.email}
          autoComplete="email"
          errors={errors.email}
          required
        />
      </Field>
      <Field
        label="Password"
        name="password"
        errors={errors.password}
        hint={PASSWORD_HINT}
        required
      >
        <TextInput
          name="password"
          type="password"
          autoComplete="new-password"
          errors={errors.password}
          hasHint
          required
        />
      </Field>
      <Button
        type="submit"
        className="w-full"
        disabled={isPending}
        aria-busy={isPending || undefined}
      >
        {isPending ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
