"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { Field, TextInput } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { useAction } from "@/components/form/use-action";
import { Button } from "@/components/ui/button";
import { acceptInvitationAction } from "../actions";

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const { state, formAction, isPending } = useAction(acceptInvitationAction, {
    onSuccess: async (_data, input) => {
      const signedIn = await signIn("credentials", {
        email,
        password: input.password,
        redirect: false,
      });
      router.replace(signedIn?.ok && !signedIn.error ? "/" : "/sign-in");
      router.refresh();
    },
  });
  const errors = state.fieldErrors ?? {};
  return (
    <form
      action={formAction((fields) => ({
        token,
        name: fields.text("name"),
        password: fields.text("password"),
      }))}
      className="space-y-4"
      noValidate
    >
      <FormMessage
        status={state.status}
        message={state.status === "error" ? state.message : undefined}
      />
      <Field label="E-mail" name="email-display">
        <TextInput name="email-display" value={email} readOnly disabled />
      </Field>
      <Field label="Your name" name="name" errors={errors.name} required>
        <TextInput
          name="name"
          defaultValue={state.values?.name}
          autoComplete="name"
          errors={errors.name}
          required
        />
      </Field>
      <Field
        label="Password"
        name="password"
        errors={errors.password}
        hint="At least 12 characters, mixing at least two of: lower-case, capitals, digits, symbols."
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
      <Button type="submit" className="w-full" disabled={isPending}>
        {isPending ? "Creating your account…" : "Accept and create account"}
      </Button>
    </form>
  );
}
