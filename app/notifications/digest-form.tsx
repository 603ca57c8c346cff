"use client";
import { useState } from "react";
import { useAction } from "@/components/form/use-action";
import { Button } from "@/components/ui/button";
import type { DigestFrequency } from "@/lib/users/digest-preference";
import { setDigestAction } from "./actions";

const OPTIONS: { value: DigestFrequency; label: string }[] = [
  { value: "immediately", label: "Immediately" },
  { value: "daily", label: "Daily digest" },
  { value: "off", label: "Off" },
];

export function DigestForm({ frequency }: { frequency: DigestFrequency }) {
  const [value, setValue] = useState(frequency);
  const { execute, isPending } = useAction(setDigestAction, { flash: true });
  return (
    <form
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm"
      onSubmit={(e) => {
        e.preventDefault();
        void execute({ frequency: value });
      }}
    >
      <fieldset className="flex flex-wrap items-center gap-4">
        <legend className="mb-1 font-medium text-slate-800">E-mail me new notifications</legend>
        {OPTIONS.map((o) => (
          <label key={o.value} className="flex items-center gap-1.5">
            <input
              type="radio"
              name="frequency"
              value={o.value}
              checked={value === o.value}
              onChange={() => setValue(o.value)}
            />
            {o.label}
          </label>
        ))}
      </fieldset>
      <Button size="sm" type="submit" disabled={isPending || value === frequency}>
        {isPending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
