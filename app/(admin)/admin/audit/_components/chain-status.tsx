"use client";
import { useState } from "react";
import { useAction } from "@/components/form/use-action";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { formatDateTime } from "@/lib/format";
import { verifyAuditChainAction } from "../actions";

type Verification = NonNullable<Awaited<ReturnType<typeof verifyAuditChainAction>>["data"]> & {
  at: Date;
};

export type CheckpointSummary = { seq: string; at: Date; keyId: string };

/**
 * The chain's length and newest signed checkpoint, and an on-demand check that recomputes every
 * event's seal from the first and holds the log against the newest checkpoint.
 */
export function ChainStatus({
  headSeq,
  checkpoint,
}: {
  headSeq: string;
  checkpoint: CheckpointSummary | null;
}) {
  // A failed check keeps the last result on screen, with the error next to it.
  const [result, setResult] = useState<Verification | null>(null);
  const { state, execute, isPending } = useAction(verifyAuditChainAction, {
    onSuccess: (data) => setResult({ ...data, at: new Date() }),
  });
  const error = state.status === "error" ? state.message : null;
  const verify = () => void execute();

  const tone = result
    ? result.ok
      ? "border-emerald-200 bg-emerald-50 text-emerald-900"
      : "border-red-200 bg-red-50 text-red-900"
    : "border-slate-200 bg-white text-slate-700";
  return (
    <section
      aria-label="Chain status"
      className={cn(
        "flex flex-wrap items-start justify-between gap-3 rounded-lg border px-4 py-3 text-sm shadow-sm",
        tone,
      )}
    >
      <div className="space-y-1" aria-live="polite">
        {result === null ? (
          <>
            <p>
              The chain holds <strong>{Number(headSeq).toLocaleString("en")}</strong> event
              {headSeq === "1" ? "" : "s"}. Verify it to recompute every event&apos;s seal from the
              first and hold the log against its newest signed checkpoint (the same check as{" "}
              <code className="font-mono text-xs">npm run audit:verify</code>).
            </p>
            <p className="text-slate-500">
              {checkpoint
                ? `Newest signed checkpoint: event #${checkpoint.seq}, ${formatDateTime(checkpoint.at)} (key ${checkpoint.keyId}).`
                : "No signed checkpoint yet: one is made every minute after the log changes."}
            </p>
          </>
        ) : result.ok ? (
          <p role="status">
            <strong>Chain verified:</strong> all {result.checked.toLocaleString("en")} events link
            up and match their hashes (checked {result.at.toLocaleTimeString("en-GB")}).
          </p>
        ) : (
          <div role="alert" className="space-y-1">
            <p>
              <strong>The chain is broken</strong> at event #{result.problems[0]?.seq}:{" "}
              <strong>{result.problems[0]?.problem}</strong> ({result.problems[0]?.detail}).{" "}
              {result.problemCount} problem{result.problemCount === 1 ? "" : "s"} in{" "}
              {result.checked.toLocaleString("en")} events: the log was changed outside the portal.
            </p>
            <ul className="list-disc space-y-0.5 pl-5">
              {result.problems.map((p, i) => (
                <li key={`${p.seq}-${p.problem}-${i}`}>
                  Event #{p.seq}: {p.problem} ({p.detail})
                </li>
              ))}
            </ul>
            {result.problemCount > result.problems.length ? (
              <p>
                Run <code className="font-mono text-xs">npm run audit:verify</code> for the full
                list.
              </p>
            ) : null}
          </div>
        )}
        {error ? (
          <p role="alert" className="text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      <Button
        variant="secondary"
        size="sm"
        onClick={verify}
        disabled={isPending}
        aria-busy={isPending || undefined}
      >
        {isPending ? "Verifying…" : result ? "Verify again" : "Verify chain"}
      </Button>
    </section>
  );
}
