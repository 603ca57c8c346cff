import Link from "next/link";
import type { ReactNode } from "react";
import type { CurrentUser } from "@/lib/auth/current-user";
import { Badge } from "../ui/badge";
import { FlashProvider } from "./flash";
import { navByRole, roleLabel } from "./nav";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

/** The signed-in frame: the role's navigation, who is signed in, and the page. */
export function AppShell({
  user,
  children,
  banner,
  unread = 0,
}: {
  user: CurrentUser;
  children: ReactNode;
  banner?: ReactNode;
  unread?: number;
}) {
  const items = [
    ...navByRole[user.role],
    { href: "/notifications", label: "Notifications", badge: unread },
  ];
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-4 focus:left-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="no-print border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
            <span
              aria-hidden
              className="grid size-7 place-items-center rounded-md bg-brand-600 text-xs font-bold text-white"
            >
              SW
            </span>
            Scopewarden
          </Link>
          <nav aria-label="Main" className="flex-1">
            <NavLinks items={items} />
          </nav>
          <div className="flex items-center gap-3 text-sm">
            <div className="text-right leading-tight">
              <Link href="/account" className="font-medium text-slate-900 hover:underline">
                {user.name}
              </Link>
              <div className="text-xs text-slate-500">{user.organization?.name ?? user.email}</div>
            </div>
            <Badge
              tone={
                user.role === "admin" ? "purple" : user.role === "reviewer" ? "blue" : "neutral"
              }
            >
              {roleLabel[user.role]}
            </Badge>
            <SignOutButton />
          </div>
        </div>
      </header>
      {banner}
      <main id="main" className="mx-auto max-w-7xl px-4 py-8 sm:px-6">
        <FlashProvider>{children}</FlashProvider>
      </main>
    </div>
  );
}
