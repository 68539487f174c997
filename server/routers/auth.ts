import { z } from "zod";
import { signUpCustomer } from "@/server/users/sign-up";
import { publicProcedure, router } from "@/server/trpc";

export const signUpInput = z.object({
  name: z.string().trim().min(1, "Tell us your name.").max(120, "Keep your name under 120 characters."),
  email: z.string().trim().pipe(z.email("Enter a valid email address.").max(254, "Enter a valid email address.")),
  password: z.string().min(8, "Use at least 8 characters.").max(200, "Use at most 200 characters."),
});

export const authRouter = router({
  signUp: publicProcedure.input(signUpInput).mutation(({ ctx, input }) => signUpCustomer(ctx.db, input)),
  me: publicProcedure.query(({ ctx }) => ctx.user),
});
