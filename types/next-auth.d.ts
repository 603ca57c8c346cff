import type { Role } from "@/lib/generated/prisma/enums";

declare module "next-auth" {
  interface Session {
    user: {
      id: string;
      email: string;
      name: string;
      role: Role;
      organizationId: string | null;
      sessionId: string;
    };
  }
  interface User {
    id: string;
    email: string;
    name: string;
    role: Role;
    organizationId: string | null;
    /** The server-side session (UserSession) this sign-in started. */
    sessionId: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    organizationId?: string | null;
    /** The UserSession row every request checks. */
    sid?: string;
  }
}
