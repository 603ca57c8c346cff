import type { Role } from "@/lib/generated/prisma/enums";

export type NavItem = {
  href: string;
  label: string;
  badge?: number;
  /** The path the item is current under, when it links deeper (default: href). */
  section?: string;
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
    { href: "/admin/webhooks", label: "Webhooks" },
    { href: "/admin/gateways", label: "Gateways" },
    { href: "/admin/staff", label: "Staff" },
    { href: "/docs/api", label: "API docs" },
  ],
  reviewer: [{ href: "/reviews", label: "My reviews" }],
};

export const roleLabel: Record<Role, string> = {
  partner: "Partner",
  admin: "Admin",
  reviewer: "Reviewer",
};
