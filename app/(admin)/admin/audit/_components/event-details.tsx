import { Button } from "@/components/ui/button";
import type { AuditTableRow } from "./audit-table";

const short = (hash: string) => (hash.length > 16 ? `${hash.slice(0, 12)}…` : hash);
export const detailsId = (seq: string) => `audit-event-${seq}`;

/** Opens and closes a row's details; the panel is the full-width row under it. */
export function DetailsToggle({
  seq,
  isOpen,
  onToggle,
}: {
  seq: string;
  isOpen: boolean;
  onToggle: () => void;
}) {
  return (
    <Button
      variant="ghost"
      size="sm"
      aria-expanded={isOpen}
      aria-controls={isOpen ? detailsId(seq) : undefined}
      onClick={onToggle}
    >
      <span aria-hidden>{isOpen ? "▾" : "▸"}</span>
      {isOpen ? "Hide" : "Show"}
      <span className="sr-only"> details of event {seq}</span>
    </Button>
  );
}

function Json({ label, value }: { label: string; value: string | null }) {
  return (
    <div className="min-w-0">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{label}</h3>
      {value === null ? (
        <p className="mt-1 text-xs text-slate-500">(nothing recorded)</p>
      ) : (
        <pre className="mt-1 max-h-96 overflow-auto rounded-md bg-white p-3 font-mono text-xs text-slate-800 ring-1 ring-slate-200">
          {value}
        </pre>
      )}
    </div>
  );
}

export function EventDetails({ row }: { row: AuditTableRow }) {
  return (
    <div
      id={detailsId(row.seq)}
      role="region"
      aria-label={`Details of event ${row.seq}`}
      className="space-y-3"
    >
      <div className="grid gap-3 md:grid-cols-2">
        <Json label="Before" value={row.before} />
        <Json label="After" value={row.after} />
      </div>
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-xs text-slate-600">
        {[
          ["Actor id", row.actorId ?? "—"],
          ["Entity id", row.entityId ?? "—"],
          ["IP", row.ip ?? "—"],
        ].map(([term, value]) => (
          <div key={term} className="flex gap-2">
            <dt className="font-semibold">{term}</dt>
            <dd className="font-mono break-all">{value}</dd>
          </div>
        ))}
        <div className="flex gap-2">
          <dt className="font-semibold">Hash</dt>
          <dd className="font-mono" title={row.hash}>
            {short(row.hash)}
          </dd>
        </div>
        <div className="flex gap-2">
          <dt className="font-semibold">Previous hash</dt>
          <dd className="font-mono" title={row.prevHash}>
            {short(row.prevHash)}
          </dd>
        </div>
      </dl>
    </div>
  );
}
