import { SignedInShell } from "@/app/_components/signed-in-shell";
import { requirePageUser } from "@/lib/auth/current-user";

export default async function PartnerLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser(["partner"]);
  const org = user.organization;
  const banner =
    org?.status === "suspended" ? (
      <div
        role="alert"
        className="border-b border-red-200 bg-red-50 px-4 py-3 text-center text-sm text-red-800"
      >
        <strong>{org.name} is suspended.</strong>{" "}
        {org.statusReason ? `Reason: ${org.statusReason}. ` : ""}Your apps have no access to the API
        until an administrator lifts the suspension.
      </div>
    ) : null;
  return (
    <SignedInShell user={user} banner={banner}>
      {children}
    </SignedInShell>
  );
}
