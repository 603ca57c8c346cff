"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState } from "react";
import { Field, TextInput } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/server/action";
import { acceptInvitationAction } from "../actions";

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [state, formAction, isPending] = useActionState(
    async (prev: ActionState, formData: FormData) => {
      const result = await acceptInvitationAction(prev, formData);
      if (result.status === "success") {
        const signedIn = await signIn("credentials", {
          email,
          password: String(formData.get("password") ?? ""),
          redirect: false,
        });
        router.replace(signedIn?.ok && !signedIn.error ? "/" : "/sign-in");
        router.refresh();
      }
      return result;
    },
    { status: "idle" } as ActionState,
  );
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage
        status={state.status}
        message={state.status === "error" ? state.message : undefined}
      />
      <input type="hidden" name="token" value={token} />
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
