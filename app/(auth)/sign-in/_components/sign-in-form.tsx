"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, TextInput } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { Button } from "@/components/ui/button";

export function SignInForm({ callbackUrl }: { callbackUrl: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      router.replace(callbackUrl ?? "/");
      router.refresh();
      return;
    }
    setPending(false);
    setError(
      result?.error && result.error !== "CredentialsSignin"
        ? result.error
        : "The e-mail or password is not right.",
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormMessage status={error ? "error" : "idle"} message={error ?? undefined} />
      <Field label="E-mail" name="email">
        <TextInput name="email" type="email" autoComplete="username" required autoFocus />
      </Field>
      <Field label="Password" name="password">
        <TextInput name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Button
        type="submit"
        className="w-full"
        disabled={isPending}
        aria-busy={isPending || undefined}
      >
        {isPending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
