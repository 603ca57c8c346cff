import { redirect } from "next/navigation";
import { getCurrentUser, homeFor } from "@/lib/auth/current-user";

export default async function Home() {
  const user = await getCurrentUser();
  redirect(user ? homeFor(user.role) : "/sign-in");
}
