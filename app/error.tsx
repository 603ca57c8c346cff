"use client";
import { Button } from "@/components/ui/button";

export default function ErrorPage({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center gap-4 px-4 text-center">
      <p className="text-sm font-semibold text-red-700">Something went wrong</p>
      <h1 className="text-2xl font-semibold text-slate-900">This page could not be shown</h1>
      <p className="text-sm text-slate-600">
        The problem has been logged. Nothing you submitted was half-saved; please try again.
      </p>
      <Button variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
