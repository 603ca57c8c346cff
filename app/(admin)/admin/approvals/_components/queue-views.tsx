import Link from "next/link";
import { cn } from "@/components/ui/cn";

/** The two views of the approval queue: request sets by app (the default) and single scopes. */
export function QueueViews({ current }: { current: "apps" | "scopes" }) {
  const views = [
    { id: "apps", href: "/admin/approvals/apps", label: "By app" },
    { id: "scopes", href: "/admin/approvals", label: "By scope" },
  ] as const;
  return (
    <nav aria-label="Queue views" className="mb-4 flex gap-1 border-b border-slate-200">
      {views.map((v) => (
        <Link
          key={v.id}
          href={v.href}
          aria-current={v.id === current ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            v.id === current
              ? "border-brand-600 text-brand-700"
              : "border-transparent text-slate-600 hover:text-slate-900",
          )}
        >
          {v.label}
        </Link>
      ))}
    </nav>
  );
}
