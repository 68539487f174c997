import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/server/db";
import { checkCredentials } from "@/server/users/credentials";
import { getAuthSecret } from "./secret";

const credentialsSchema = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});

class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}

/**
 * Auth.js with email + password. Sessions are JWTs carrying only the user id;
 * every request re-reads the user (server/auth/session.ts), so a role change
 * or a disabled account takes effect at once. Configured lazily so that
 * `next build` never needs the secret.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: getAuthSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const user = await checkCredentials(await getDb(), parsed.data.email, parsed.data.password);
        if (!user) throw new InvalidCredentials();
        return user;
      },
    }),
  ],
  callbacks: {
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));
