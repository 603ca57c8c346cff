import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center gap-4 px-4 text-center">
      <p className="text-sm font-semibold text-slate-500">404 · Not found</p>
      <h1 className="text-2xl font-semibold text-slate-900">We could not find that page</h1>
      <p className="text-sm text-slate-600">
        It may have been removed, or you may not have access to it.
      </p>
      <Link href="/" className={buttonClass("secondary")}>
        Go to your home page
      </Link>
    </div>
  );
}
