import type { Role } from "@/lib/generated/prisma/enums";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string; role: Role; organizationId: string | null };
  }
  interface User {
    id: string;
    email: string;
    name: string;
    role: Role;
    organizationId: string | null;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    organizationId?: string | null;
  }
}
