import Link from "next/link";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <Link href="/" className="mb-8 flex items-center gap-2 text-lg font-semibold text-slate-900">
        <span
          aria-hidden
          className="grid size-8 place-items-center rounded-md bg-brand-600 text-sm font-bold text-white"
        >
          SW
        </span>
        Scopewarden
      </Link>
      <main className="w-full max-w-md">{children}</main>
      <p className="mt-8 max-w-md text-center text-xs text-slate-500">
        The partner portal for our FHIR API: register SMART on FHIR apps, request the access they
        need, and see what was granted and why.
      </p>
    </div>
  );
}
