"use client";
import { createContext, useCallback, useContext, useState, type ReactNode } from "react";
import { Button } from "../ui/button";

type Flash = { id: number; message: string };
const FlashContext = createContext<(message: string) => void>(() => {});

/** Outcome messages that survive the page re-rendering (the control that caused them may be gone). */
export function FlashProvider({ children }: { children: ReactNode }) {
  const [flashes, setFlashes] = useState<Flash[]>([]);
  const show = useCallback((message: string) => {
    const id = Date.now() + Math.random();
    setFlashes((current) => [...current.slice(-2), { id, message }]);
    setTimeout(() => setFlashes((current) => current.filter((f) => f.id !== id)), 15_000);
  }, []);
  return (
    <FlashContext.Provider value={show}>
      <div
        role="status"
        aria-live="polite"
        className="pointer-events-none fixed inset-x-0 top-16 z-40 flex flex-col items-center gap-2 px-4"
      >
        {flashes.map((f) => (
          <div
            key={f.id}
            className="pointer-events-auto flex max-w-xl items-center gap-3 rounded-md bg-emerald-50 px-4 py-2 text-sm text-emerald-900 shadow-lg ring-1 ring-emerald-200"
          >
            <span>{f.message}</span>
            <Button
              variant="ghost"
              size="sm"
              onClick={() => setFlashes((c) => c.filter((x) => x.id !== f.id))}
              aria-label="Dismiss"
            >
              ×
            </Button>
          </div>
        ))}
      </div>
      {children}
    </FlashContext.Provider>
  );
}

export const useFlash = () => useContext(FlashContext);
