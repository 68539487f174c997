import "server-only";
import { z } from "zod";
import { verifyEmailWithToken } from "@/server/users/email-verification";
import { signUpCustomer } from "@/server/users/sign-up";
import { publicProcedure, router } from "@/server/trpc";

export const signUpInput = z.object({
  name: z.string().trim().min(1, "Tell us your name.").max(120, "Keep your name under 120 characters."),
  email: z.string().trim().pipe(z.email("Enter a valid email address.").max(254, "Enter a valid email address.")),
  password: z.string().min(8, "Use at least 8 characters.").max(200, "Use at most 200 characters."),
});

export const verifyEmailInput = z.object({ token: z.string().trim().min(1, "This link is not complete.").max(200, "This link is not valid.") });

export const authRouter = router({
  signUp: publicProcedure.input(signUpInput).mutation(({ ctx, input }) => signUpCustomer(ctx.db, input, { address: ctx.clientAddress })),
  /** The "confirm your email address" link, used from the page it opens (a button press, so link scanners do not use it). */
  verifyEmail: publicProcedure.input(verifyEmailInput).mutation(({ ctx, input }) => verifyEmailWithToken(ctx.db, input.token)),
  me: publicProcedure.query(({ ctx }) => ctx.user),
});
