import { cn } from "./cn";

/** How much of a campaign is answered, as a bar and in words. */
export function ProgressBar({
  done,
  total,
  label,
  className,
}: {
  done: number;
  total: number;
  label: string;
  className?: string;
}) {
  const percent = total === 0 ? 100 : Math.round((done / total) * 100);
  return (
    <div className={cn("space-y-1", className)}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total} answered`}
        className="h-2 overflow-hidden rounded-full bg-slate-100"
      >
        <div
          className="h-full rounded-full bg-brand-600 transition-all"
          style={{ width: `${percent}%` }}
        />
      </div>
      <p className="text-xs text-slate-600 tabular-nums">
        {done.toLocaleString("en")} of {total.toLocaleString("en")} answered ({percent}%)
      </p>
    </div>
  );
}
