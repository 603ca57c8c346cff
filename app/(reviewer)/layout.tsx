import { SignedInShell } from "@/app/_components/signed-in-shell";
import { requirePageUser } from "@/lib/auth/current-user";

export default async function ReviewerLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser(["reviewer"]);
  return <SignedInShell user={user}>{children}</SignedInShell>;
}
