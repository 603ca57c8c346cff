"use client";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "../ui/button";

export function SignOutButton() {
  const [isPending, setPending] = useState(false);
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={isPending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/sign-in?signedOut=1" });
      }}
    >
      {isPending ? "Signing out…" : "Sign out"}
    </Button>
  );
}
