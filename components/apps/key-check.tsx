// The last check of a backend app's keys (JWKS URL or pasted): a banner when it found problems, and
// the keys seen.
import { formatDateTime } from "@/lib/format";
import type { KeyCheckView } from "@/lib/jwks/queries";

export function KeyProblemBanner({
  check,
  isPasted = false,
}: {
  check: KeyCheckView | null;
  isPasted?: boolean;
}) {
  if (!check || check.problems.length === 0) return null;
  return (
    <div role="alert" className="mb-6 rounded-md bg-red-50 px-4 py-3 text-sm text-red-800">
      <p className="font-semibold">
        {isPasted ? "Key problem in the pasted keys" : "Key problem at the JWKS URL"}
      </p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {check.problems.map((p, i) => (
          <li key={`${p.code}:${i}`}>{p.message}</li>
        ))}
      </ul>
      <p className="mt-1 text-xs text-red-700">Checked {formatDateTime(check.checkedAt)}.</p>
    </div>
  );
}

export function KeyList({ check }: { check: KeyCheckView | null }) {
  if (!check) return <p className="text-sm text-slate-600">Not checked yet.</p>;
  if (check.keys.length === 0)
    return <p className="text-sm text-slate-600">No keys read at the last check.</p>;
  return (
    <ul className="space-y-1 text-xs text-slate-700" aria-label="Published keys">
      {check.keys.map((k) => (
        <li key={k.thumbprint}>
          <span className="font-mono">{k.kid ?? "(no kid)"}</span> · {k.kty}
          {k.size ? ` ${k.size}` : ""}
          {k.alg ? ` · ${k.alg}` : ""} · first seen {formatDateTime(k.firstSeenAt)}
        </li>
      ))}
    </ul>
  );
}
