"use client";
import { useEffect, useRef, useState } from "react";
import { Button } from "./button";
import { cn } from "./cn";

type Outcome = "idle" | "copied" | "select";

/**
 * A value to copy (client ids, secrets shown once): on its own line, an id kept whole on one
 * line (it scrolls if the card is narrower; a break mid-id reads as two values), a long secret
 * wrapped without hiding a character, selected whole by one click, and a copy button that says "Copied" only when the
 * clipboard took it. Where the browser refuses (no clipboard API, no permission, plain http), the
 * value is selected and the button says to press Ctrl+C (⌘C on a Mac).
 */
export function CopyValue({
  label,
  value,
  isSecret,
}: {
  label: string;
  value: string;
  isSecret?: boolean;
}) {
  const [outcome, setOutcome] = useState<Outcome>("idle");
  const code = useRef<HTMLElement>(null);
  useEffect(() => {
    if (outcome !== "copied") return;
    const timer = setTimeout(() => setOutcome("idle"), 2000);
    return () => clearTimeout(timer);
  }, [outcome]);

  const selectValue = () => {
    const selection = window.getSelection();
    if (!code.current || !selection) return;
    const range = document.createRange();
    range.selectNodeContents(code.current);
    selection.removeAllRanges();
    selection.addRange(range);
  };
  const copy = async () => {
    try {
      if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
      await navigator.clipboard.writeText(value);
      setOutcome("copied");
    } catch {
      selectValue();
      setOutcome("select");
    }
  };
  const shortcut = /Mac|iPhone|iPad/.test(globalThis.navigator?.platform ?? "") ? "⌘C" : "Ctrl+C";

  return (
    <div className="space-y-1">
      <div className="flex items-center justify-between gap-2">
        <span className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
          {label}
        </span>
        <Button variant="secondary" size="sm" onClick={copy} aria-label={`Copy ${label}`}>
          {outcome === "copied"
            ? "Copied"
            : outcome === "select"
              ? `Press ${shortcut} to copy`
              : "Copy"}
        </Button>
      </div>
      <code
        ref={code}
        className={cn(
          "block rounded-md px-3 py-2 font-mono text-sm select-all",
          isSecret
            ? "bg-amber-50 break-all ring-1 ring-amber-200"
            : "overflow-x-auto bg-slate-100 whitespace-nowrap",
        )}
        data-testid={isSecret ? "secret-value" : undefined}
      >
        {value}
      </code>
      <p role="status" className="sr-only">
        {outcome === "copied"
          ? `${label} copied.`
          : outcome === "select"
            ? `${label} selected. Press ${shortcut} to copy.`
            : ""}
      </p>
    </div>
  );
}
