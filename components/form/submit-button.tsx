"use client";
import { useFormStatus } from "react-dom";
import { Button } from "../ui/button";

/** Disabled with a busy label while its form is being submitted. */
export function SubmitButton({
  children,
  pendingLabel,
  variant,
  size,
  className,
  name,
  value,
  disabled,
}: {
  children: React.ReactNode;
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger" | "ghost";
  size?: "sm" | "md";
  className?: string;
  name?: string;
  value?: string;
  disabled?: boolean;
}) {
  const { pending } = useFormStatus();
  return (
    <Button
      type="submit"
      variant={variant}
      size={size}
      className={className}
      name={name}
      value={value}
      disabled={pending || disabled}
      aria-busy={pending || undefined}
    >
      {pending ? (pendingLabel ?? "Saving…") : children}
    </Button>
  );
}
