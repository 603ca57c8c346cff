"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { cn } from "../ui/cn";
import type { NavItem } from "./nav";

const itemClass = (isActive: boolean) =>
  cn(
    "rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap",
    isActive
      ? "bg-brand-50 text-brand-800"
      : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
  );

function ItemLink({
  item,
  isActive,
  onClick,
}: {
  item: NavItem;
  isActive: boolean;
  onClick?: () => void;
}) {
  return (
    <Link
      href={item.href}
      onClick={onClick}
      aria-current={isActive ? "page" : undefined}
      className={cn(itemClass(isActive), "block")}
    >
      {item.label}
      {item.badge ? (
        <span className="ml-1.5 rounded-full bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white">
          {item.badge}
          <span className="sr-only"> unread</span>
        </span>
      ) : null}
    </Link>
  );
}

/** Secondary items behind a disclosure button; it closes on Escape, outside clicks and a choice. */
function MoreMenu({ items, active }: { items: NavItem[]; active: string | undefined }) {
  const [isOpen, setOpen] = useState(false);
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (!isOpen) return;
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [isOpen]);
  const hasActive = items.some((i) => i.href === active);
  return (
    <li ref={ref} className="relative">
      <button
        type="button"
        aria-expanded={isOpen}
        aria-controls="nav-more"
        className={itemClass(hasActive)}
        onClick={() => setOpen((o) => !o)}
      >
        More <span aria-hidden>▾</span>
      </button>
      {isOpen ? (
        <ul
          id="nav-more"
          className="absolute left-0 z-40 mt-1 min-w-44 rounded-md border border-slate-200 bg-white p-1 shadow-lg"
        >
          {items.map((item) => (
            <li key={item.href}>
              <ItemLink
                item={item}
                isActive={item.href === active}
                onClick={() => setOpen(false)}
              />
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  // The most specific item wins: on /organisation/webhooks only "Webhooks" is current, not "Organisation".
  const matches = (href: string) => pathname === href || pathname.startsWith(`${href}/`);
  const sectionOf = (item: NavItem) => item.section ?? item.href;
  const active = items
    .filter((item) => matches(sectionOf(item)))
    .sort((a, b) => sectionOf(b).length - sectionOf(a).length)[0]?.href;
  const primary = items.filter((i) => !i.isSecondary);
  const secondary = items.filter((i) => i.isSecondary);
  return (
    <ul className="flex flex-wrap items-center gap-1">
      {primary.map((item) => (
        <li key={item.href}>
          <ItemLink item={item} isActive={item.href === active} />
        </li>
      ))}
      {secondary.length ? <MoreMenu items={secondary} active={active} /> : null}
    </ul>
  );
}
