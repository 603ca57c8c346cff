import type { Role } from "@/lib/generated/prisma/enums";

export type NavItem = {
  href: string;
  label: string;
  badge?: number;
  /** The path the item is current under, when it links deeper (default: href). */
  section?: string;
  /** Listed under "More" so the bar stays one row at 1280 px. */
  isSecondary?: boolean;
};

export const navByRole: Record<Role, NavItem[]> = {
  partner: [
    { href: "/apps", label: "My apps" },
    { href: "/organisation", label: "Organisation" },
    { href: "/organisation/webhooks", label: "Webhooks" },
    { href: "/docs/api", label: "API docs" },
  ],
  admin: [
    { href: "/admin/approvals/apps", label: "Approvals", section: "/admin/approvals" },
    { href: "/admin/apps", label: "Apps" },
    { href: "/admin/partners", label: "Partners" },
    { href: "/admin/policy", label: "Policy" },
    { href: "/admin/audit", label: "Audit" },
    { href: "/admin/reviews", label: "Reviews" },
    { href: "/admin/webhooks", isSecondary: true, label: "Webhooks" },
    { href: "/admin/gateways", isSecondary: true, label: "Gateways" },
    { href: "/admin/staff", isSecondary: true, label: "Staff" },
    { href: "/docs/api", isSecondary: true, label: "API docs" },
  ],
  reviewer: [{ href: "/reviews", label: "My reviews" }],
};

export const roleLabel: Record<Role, string> = {
  partner: "Partner",
  admin: "Admin",
  reviewer: "Reviewer",
};
