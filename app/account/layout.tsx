import { SignedInShell } from "@/app/_components/signed-in-shell";
import { requirePageUser } from "@/lib/auth/current-user";

export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser(["partner", "admin", "reviewer"], "/account");
  return <SignedInShell user={user}>{children}</SignedInShell>;
}
