"use client";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Field, TextArea, TextInput } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { useAction } from "@/components/form/use-action";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { narrowingProblem } from "@/lib/approvals/rules";
import { explainScope, parseScope } from "@/lib/scopes";
import { decideAction } from "../../actions";

type Kind = "approve" | "deny" | "narrow" | "request_changes";
const kinds: { kind: Kind; label: string; help: string }[] = [
  { kind: "approve", label: "Approve", help: "Grant the scope as requested." },
  {
    kind: "narrow",
    label: "Approve narrower",
    help: "Grant less: a resource type, fewer permissions, or a search restriction.",
  },
  {
    kind: "request_changes",
    label: "Ask for changes",
    help: "Send it back to the partner with a comment.",
  },
  { kind: "deny", label: "Deny", help: "Refuse it; the partner reads your reason." },
];

type Props = {
  appScopeId: string;
  version: number;
  scope: string;
  needsSecond: boolean;
  decidedNote: string | null;
  youApproved: boolean;
};

/** Stays mounted when the page refreshes after a decision, so its outcome message stays on screen. */
export function DecisionForm({
  appScopeId,
  version,
  scope,
  needsSecond,
  decidedNote,
  youApproved,
}: Props) {
  const router = useRouter();
  const [kind, setKind] = useState<Kind>("approve");
  const [reason, setReason] = useState("");
  const [narrowed, setNarrowed] = useState(scope);
  const [expiresAt, setExpiresAt] = useState("");
  const { state, execute, isPending } = useAction(decideAction, {
    onSuccess: () => router.refresh(),
  });
  const narrowing = useMemo(() => {
    const parsed = parseScope(narrowed.trim());
    return {
      problem: narrowingProblem(parseScope(scope), parsed),
      explanation: parsed.valid ? explainScope(parsed) : null,
    };
  }, [narrowed, scope]);
  const reasonRequired = kind === "deny" || kind === "request_changes";

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const decision = { appScopeId, expectedVersion: version, reason };
    void execute(
      kind === "narrow"
        ? { ...decision, kind, narrowedScope: narrowed }
        : kind === "approve"
          ? { ...decision, kind, expiresAt }
          : { ...decision, kind },
    );
  }

  if (state.status === "success" || decidedNote || youApproved) {
    return (
      <div className="space-y-3">
        {state.status === "success" ? (
          <FormMessage status="success" message={state.message} />
        ) : null}
        {decidedNote ? <p className="text-sm text-slate-700">{decidedNote}</p> : null}
        {youApproved ? (
          <p className="text-sm text-violet-900">
            You approved this request. Policy needs a second, different administrator to approve it
            before it is granted.
          </p>
        ) : null}
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <FormMessage status={state.status} message={state.message} />
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-800">Decision</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {kinds.map((k) => (
            <label
              key={k.kind}
              className={cn(
                "flex cursor-pointer gap-2 rounded-md border p-3 text-sm",
                kind === k.kind
                  ? "border-brand-600 bg-brand-50"
                  : "border-slate-200 hover:border-slate-300",
              )}
            >
              <input
                type="radio"
                name="kind"
                value={k.kind}
                checked={kind === k.kind}
                onChange={() => setKind(k.kind)}
                className="mt-0.5"
              />
              <span>
                <span className="font-medium text-slate-900">{k.label}</span>
                <span className="block text-xs text-slate-600">{k.help}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {kind === "narrow" ? (
        <Field
          label="Grant this narrower scope instead"
          name="narrowedScope"
          errors={
            state.fieldErrors?.narrowedScope ??
            (narrowing.problem && narrowed.trim() !== scope ? [narrowing.problem] : undefined)
          }
          hint={narrowing.explanation ?? undefined}
        >
          <TextInput
            name="narrowedScope"
            value={narrowed}
            onChange={(e) => setNarrowed(e.target.value)}
            className="font-mono"
            spellCheck={false}
            hasHint
          />
        </Field>
      ) : null}
      <Field
        label={
          kind === "deny"
            ? "Reason (the partner reads it)"
            : kind === "request_changes"
              ? "What should change (the partner reads it)"
              : "Comment (optional)"
        }
        name="reason"
        errors={state.fieldErrors?.reason}
        required={reasonRequired}
      >
        <TextArea
          name="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={1000}
          required={reasonRequired}
        />
      </Field>
      {kind === "approve" ? (
        <Field
          label="Expires (optional)"
          name="expiresAt"
          errors={state.fieldErrors?.expiresAt}
          hint="An earlier end than the policy's maximum lifetime for this scope; later dates are capped to it."
        >
          <TextInput
            type="date"
            name="expiresAt"
            value={expiresAt}
            onChange={(e) => setExpiresAt(e.target.value)}
            hasHint
          />
        </Field>
      ) : null}
      {kind === "approve" && needsSecond ? (
        <p className="text-sm text-violet-800">
          Policy needs two different administrators for this scope: yours may be the first of two.
        </p>
      ) : null}
      <Button
        type="submit"
        variant={kind === "deny" ? "danger" : "primary"}
        disabled={isPending || (kind === "narrow" && !!narrowing.problem)}
        aria-busy={isPending || undefined}
      >
        {isPending ? "Saving decision…" : kinds.find((k) => k.kind === kind)!.label}
      </Button>
    </form>
  );
}
