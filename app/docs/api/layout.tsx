import Link from "next/link";
import { SignedInShell } from "@/app/_components/signed-in-shell";
import { getCurrentUser } from "@/lib/auth/current-user";

/** Public: partners, staff and signed-out visitors (gateway teams) all read the API reference. */
export default async function ApiDocsLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  if (user) return <SignedInShell user={user}>{children}</SignedInShell>;
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between px-4 py-3">
          <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
            <span
              aria-hidden
              className="grid size-8 place-items-center rounded-md bg-brand-600 text-sm font-bold text-white"
            >
              SW
            </span>
            Scopewarden
          </Link>
          <Link
            href="/sign-in?callbackUrl=%2Fdocs%2Fapi"
            className="text-sm font-medium text-brand-700 hover:underline"
          >
            Sign in
          </Link>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </div>
  );
}
