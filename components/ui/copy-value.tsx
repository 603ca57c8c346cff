"use client";
import { useState } from "react";
import { Button } from "./button";

/** A value to copy (client ids, one-time secrets), selectable and with a copy button. */
export function CopyValue({
  label,
  value,
  isSecret,
}: {
  label: string;
  value: string;
  isSecret?: boolean;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-1">
      <div className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{label}</div>
      <div className="flex items-center gap-2">
        <code
          className={`flex-1 rounded-md px-3 py-2 font-mono text-sm break-all ${isSecret ? "bg-amber-50 ring-1 ring-amber-200" : "bg-slate-100"}`}
          data-testid={isSecret ? "secret-value" : undefined}
        >
          {value}
        </code>
        <Button
          variant="secondary"
          size="sm"
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => {});
            setCopied(true);
            setTimeout(() => setCopied(false), 2000);
          }}
          aria-label={`Copy ${label}`}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </div>
  );
}
