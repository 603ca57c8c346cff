import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import type { CurrentUser } from "@/lib/auth/current-user";
import { getDb } from "@/lib/db";
import { countUnread } from "@/lib/notifications/service";

/** The shell with what it needs from the database (the unread notification count). */
export async function SignedInShell({
  user,
  banner,
  children,
}: {
  user: CurrentUser;
  banner?: ReactNode;
  children: ReactNode;
}) {
  const unread = await countUnread(getDb(), user.id);
  return (
    <AppShell user={user} banner={banner} unread={unread}>
      {children}
    </AppShell>
  );
}
