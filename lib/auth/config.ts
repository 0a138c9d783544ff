import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDatabaseHandle } from "@/db/client";
import { env } from "@/lib/platform/env";
import { RateLimitedError } from "@/lib/platform/errors";
import { signInSchema } from "@/lib/auth/schemas";
import { verifyCredentials } from "@/lib/users/manage";
import { clientIpFrom } from "@/lib/platform/request";

declare module "next-auth" {
  interface User {
    role?: string;
    sessionVersion?: number;
  }
}
declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
  }
}

class ThrottledSignin extends CredentialsSignin {
  constructor(message: string) {
    super();
    // The code is shown to the user as is.
    this.code = message;
  }
}

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** The session-signing secret (possibly adopted from the database: lib/platform/shared-secrets.ts). */
export async function authSecret() {
  if (env().sharedSecretsPending) await getDatabaseHandle(); // opening adopts the shared secrets
  return env().AUTH_SECRET;
}

// Lazy: the signing secret may live in the database (several instances on one
// PostgreSQL share it, lib/platform/shared-secrets.ts), adopted when the database opens.
export const { handlers, auth, signIn, signOut } = NextAuth(async () => ({
  secret: await authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        try {
          const user = await verifyCredentials(parsed.data.email, parsed.data.password, clientIpFrom(request.headers));
          if (!user) return null;
          return { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
        } catch (err) {
          if (err instanceof RateLimitedError) throw new ThrottledSignin(err.message);
          throw err;
        }
      },
    }),
  ],
  callbacks: {
    // The token carries only who and which session version; role and status are
    // re-read from the database on every request (lib/auth/actor.ts).
    jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.sv = user.sessionVersion ?? 1;
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid) session.user.id = token.uid;
      (session as { sv?: number }).sv = token.sv;
      return session;
    },
  },
}));
