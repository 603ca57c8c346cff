"use client";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { UNAVAILABLE_COPY } from "@/lib/runtime/unavailable-page";

/**
 * In production the browser learns nothing about a server error but its digest, so the page asks
 * the health check whether the database is reachable: an outage is shown as one, anything else as
 * the generic error. (While the outage lasts, later requests get the 503 page from proxy.ts.)
 */
function useIsDatabaseDown(): boolean | null {
  const [isDown, setIsDown] = useState<boolean | null>(null);
  useEffect(() => {
    let isCurrent = true;
    fetch("/api/health", { cache: "no-store" })
      .then((response) => response.json() as Promise<{ database?: { status?: string } }>)
      .then((health) => isCurrent && setIsDown(health.database?.status === "down"))
      .catch(() => isCurrent && setIsDown(false));
    return () => {
      isCurrent = false;
    };
  }, []);
  return isDown;
}

export default function ErrorPage({
  retry,
}: {
  error: Error & { digest?: string };
  retry: () => void;
}) {
  const isDatabaseDown = useIsDatabaseDown();
  if (isDatabaseDown === null) return <div className="min-h-[60vh]" aria-busy="true" />;
  const copy = isDatabaseDown
    ? {
        label: UNAVAILABLE_COPY.label,
        title: UNAVAILABLE_COPY.title,
        body: UNAVAILABLE_COPY.body,
        tone: "text-amber-700",
      }
    : {
        label: "Something went wrong",
        title: "This page could not be shown",
        body: "The problem has been logged. Nothing you submitted was half-saved; please try again.",
        tone: "text-red-700",
      };
  return (
    <div className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center gap-4 px-4 text-center">
      <p className={`text-sm font-semibold ${copy.tone}`}>{copy.label}</p>
      <h1 className="text-2xl font-semibold text-slate-900">{copy.title}</h1>
      <p className="text-sm text-slate-600">{copy.body}</p>
      <Button variant="secondary" onClick={retry}>
        {UNAVAILABLE_COPY.action}
      </Button>
    </div>
  );
}
