// The embedded authorization server's pages (sign-in, patient picker, consent): what patients
// and clinicians see when an app asks for access to their records. Not the partner portal.
export default function AuthorizationLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center bg-slate-50 px-4 py-12">
      <p className="mb-8 flex items-center gap-2 text-lg font-semibold text-slate-900">
        <span
          aria-hidden
          className="grid size-8 place-items-center rounded-md bg-brand-600 text-sm font-bold text-white"
        >
          SW
        </span>
        Health records sign-in
      </p>
      <main className="w-full max-w-md">{children}</main>
      <p className="mt-8 max-w-md text-center text-xs text-slate-500">
        Apps reach your health records through our FHIR API only with your permission. You can
        choose what to allow each time an app asks.
      </p>
    </div>
  );
}
