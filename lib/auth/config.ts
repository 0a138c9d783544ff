import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDatabaseHandle, getDb } from "@/db/client";
import { env } from "@/lib/platform/env";
import { RateLimitedError } from "@/lib/platform/errors";
import { signInSchema } from "@/lib/auth/schemas";
import { endSession, resolveSession, startSession } from "@/lib/auth/sessions";
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
    /** The sessions row of this sign-in (lib/auth/sessions.ts). */
    sid?: string;
  }
}

class ThrottledSignin extends CredentialsSignin {
  constructor(message: string) {
    super();
    // The code is shown to the user as is.
    this.code = message;
  }
}

/**
 * How long the cookie itself may live: the longest session the settings allow
 * (customers, up to 90 days). The real limit is the session row's, counted
 * from sign-in with the company's settings (lib/auth/sessions.ts).
 */
export const SESSION_COOKIE_MAX_AGE_SECONDS = 90 * 24 * 60 * 60;

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
  session: { strategy: "jwt", maxAge: SESSION_COOKIE_MAX_AGE_SECONDS },
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
    // The token carries only who, which session version and which session; role,
    // status and whether the session is still live are read from the database on
    // every request (lib/auth/actor.ts, lib/auth/sessions.ts).
    async jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.sv = user.sessionVersion ?? 1;
        token.sid = await startSession(await getDb(), user.id);
        return token;
      }
      // Reading the session (`/api/auth/session`): an ended, expired or replaced session is cleared, never refreshed.
      const state = await resolveSession(
        await getDb(),
        token.uid && token.sid && typeof token.sv === "number" ? { uid: token.uid, sv: token.sv, sid: token.sid } : null,
      );
      return state.kind === "signed-out" ? null : token;
    },
    session({ session, token }) {
      if (token.uid) session.user.id = token.uid;
      (session as { sv?: number }).sv = token.sv;
      return session;
    },
  },
  events: {
    // Sign-out ends this session on the server: a copy of the cookie stops working too.
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (sid) await endSession(await getDb(), sid);
    },
  },
}));
