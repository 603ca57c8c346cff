"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "../ui/cn";
import type { NavItem } from "./nav";

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  // The most specific item wins: on /organisation/webhooks only "Webhooks" is current, not "Organisation".
  const matches = (href: string) => pathname === href || pathname.startsWith(`${href}/`);
  const sectionOf = (item: NavItem) => item.section ?? item.href;
  const active = items
    .filter((item) => matches(sectionOf(item)))
    .sort((a, b) => sectionOf(b).length - sectionOf(a).length)[0]?.href;
  return (
    <ul className="flex flex-wrap items-center gap-1">
      {items.map((item) => {
        const isActive = item.href === active;
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={isActive ? "page" : undefined}
              className={cn(
                "rounded-md px-3 py-2 text-sm font-medium",
                isActive
                  ? "bg-brand-50 text-brand-800"
                  : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
              )}
            >
              {item.label}
              {item.badge ? (
                <span className="ml-1.5 rounded-full bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white">
                  {item.badge}
                  <span className="sr-only"> unread</span>
                </span>
              ) : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
