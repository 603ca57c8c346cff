"use client";
import { signOut } from "next-auth/react";
import { useAction } from "@/components/form/use-action";
import { Button } from "@/components/ui/button";
import {
  resendVerificationAction,
  signOutEverywhereAction,
  signOutSessionAction,
} from "../actions";

const toSignIn = () => void signOut({ callbackUrl: "/sign-in?signedOut=1" });

export function SignOutSessionButton(props: {
  sessionId: string;
  label: string;
  isCurrent: boolean;
}) {
  const { execute, isPending } = useAction(signOutSessionAction, {
    flash: true,
    onSuccess: () => (props.isCurrent ? toSignIn() : undefined),
  });
  return (
    <Button
      variant="secondary"
      size="sm"
      disabled={isPending}
      aria-label={`Sign out ${props.label}${props.isCurrent ? " (this device)" : ""}`}
      onClick={() => void execute({ sessionId: props.sessionId })}
    >
      {isPending ? "Signing out…" : "Sign out"}
    </Button>
  );
}

export function SignOutEverywhereButton() {
  const { execute, isPending } = useAction(signOutEverywhereAction, { onSuccess: toSignIn });
  return (
    <Button variant="secondary" disabled={isPending} onClick={() => void execute()}>
      {isPending ? "Signing out…" : "Sign out everywhere"}
    </Button>
  );
}

export function ResendVerificationButton() {
  const { execute, isPending } = useAction(resendVerificationAction, { flash: true });
  return (
    <Button variant="secondary" size="sm" disabled={isPending} onClick={() => void execute()}>
      {isPending ? "Sending…" : "Send a new link"}
    </Button>
  );
}
