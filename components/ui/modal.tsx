"use client";
import { useEffect, useRef, type ReactNode } from "react";
import { cn } from "./cn";

/**
 * A modal on the native <dialog>: the browser keeps focus inside it and makes the page behind it
 * inert, Escape asks to close it (`onClose`), and when it closes, or unmounts, focus goes back to
 * what opened it (or to `returnFocus()`, when the opener is gone or another element should have it).
 */
export function Modal({
  open = true,
  onClose,
  labelledBy,
  returnFocus,
  className,
  children,
}: {
  open?: boolean;
  onClose: () => void;
  labelledBy: string;
  returnFocus?: () => HTMLElement | null | undefined;
  className?: string;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const returnTo = useRef(returnFocus);
  useEffect(() => {
    returnTo.current = returnFocus;
  });

  useEffect(() => {
    const node = dialog.current;
    if (!node || !open) return;
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!node.open) node.showModal();
    return () => {
      if (node.open) node.close();
      const target = returnTo.current?.() ?? opener.current;
      if (target?.isConnected) target.focus();
    };
  }, [open]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={labelledBy}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className={cn(
        "m-auto w-full max-w-lg rounded-lg bg-white p-0 shadow-xl backdrop:bg-slate-900/50",
        className,
      )}
    >
      {open ? children : null}
    </dialog>
  );
}
