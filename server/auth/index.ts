import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { clientAddress } from "@/server/client-address";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { attemptPasswordSignIn } from "@/server/users/credentials";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { EMAIL_LINK_PROVIDER, acceptEmailLinkSignIn, emailLinkProvider } from "./email-link";
import { authRedirect } from "./return-path";
import { getAuthSecret } from "./secret";

const credentialsSchema = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});

class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}

export class TooManySignInAttempts extends CredentialsSignin {
  code = "rate_limited";
}

/**
 * Auth.js with email + password. Sessions are JWTs carrying only the user id;
 * every request re-reads the user (server/auth/session.ts), so a role change
 * or a disabled account takes effect at once. Configured lazily so that
 * `next build` never needs the secret.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(async () => ({
  secret: getAuthSecret(),
  trustHost: true,
  // The adapter only keeps email sign-in tokens; sessions stay JWTs.
  adapter: DrizzleAdapter(await getDb(), {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  }),
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
  providers: [
    emailLinkProvider(getDb),
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        try {
          const user = await attemptPasswordSignIn(await getDb(), { ...parsed.data, address: clientAddress(request) });
          if (!user) throw new InvalidCredentials();
          return user;
        } catch (error) {
          if (error instanceof AppError && error.code === "RATE_LIMITED") throw new TooManySignInAttempts();
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    async signIn({ account, user, email }) {
      // Email links only sign in existing, active accounts (no sign-up by link).
      // Asking for a link always "succeeds": unknown addresses just get no email.
      if (account?.provider !== EMAIL_LINK_PROVIDER || email?.verificationRequest) return true;
      return user.email ? acceptEmailLinkSignIn(await getDb(), user.email) : false;
    },
    // Only paths on this app after signing in: one rule for every return path.
    redirect: authRedirect,
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));
