import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function Forbidden() {
  return (
    <div className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center gap-4 px-4 text-center">
      <p className="text-sm font-semibold text-red-700">403 · Not allowed</p>
      <h1 className="text-2xl font-semibold text-slate-900">You do not have access to this page</h1>
      <p className="text-sm text-slate-600">
        Your role does not include this part of the portal. If you think it should, ask an
        administrator.
      </p>
      <Link href="/" className={buttonClass("secondary")}>
        Go to your home page
      </Link>
    </div>
  );
}
