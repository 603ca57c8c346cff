import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { recordAudit } from "../audit/service";
import { getDb } from "../db";
import { getEnv } from "../env";
import { isAppError } from "../errors";
import { signInWithPassword } from "../users/service";
import { endSession, SESSION_MAX_AGE_MS } from "../users/sessions";
import { ipFromHeaders } from "../http/client-ip";
import { isBehindFrontServer } from "../instance";

export const SESSION_MAX_AGE_SECONDS = SESSION_MAX_AGE_MS / 1000;

export function getAuthOptions(): NextAuthOptions {
  return {
    secret: getEnv().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: {
          email: { label: "E-mail", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req) {
          try {
            const ip = isBehindFrontServer()
              ? ipFromHeaders((name) => {
                  const value = req?.headers?.[name];
                  return Array.isArray(value) ? value[0] : (value ?? null);
                })
              : null;
            const userAgent = req?.headers?.["user-agent"];
            return await signInWithPassword(getDb(), credentials ?? { email: "", password: "" }, {
              ip,
              userAgent: typeof userAgent === "string" ? userAgent : null,
            });
          } catch (error) {
            // next-auth hands the message to the sign-in form as `error`.
            if (isAppError(error)) throw new Error(error.message);
            console.error("sign-in failed unexpectedly", error);
            throw new Error("Signing in is not possible right now. Please try again in a moment.");
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.role = user.role;
          token.organizationId = user.organizationId;
          token.sid = user.sessionId;
        }
        return token;
      },
      async session({ session, token }) {
        session.user = {
          id: token.sub ?? "",
          email: token.email ?? "",
          name: token.name ?? "",
          role: token.role ?? "partner",
          organizationId: token.organizationId ?? null,
          sessionId: token.sid ?? "",
        };
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (!token?.sub) return;
        if (token.sid) await endSession(getDb(), token.sid);
        await getDb().$transaction((tx) =>
          recordAudit(tx, {
            actor: { type: "user", id: token.sub!, label: token.email ?? token.sub! },
            action: "auth.signed_out",
            entityType: "User",
            entityId: token.sub,
            organizationId: token.organizationId ?? null,
          }),
        );
      },
    },
  };
}
