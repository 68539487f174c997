import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Check your email" };

/** What sign-up answers for every address, new or taken, so the form never tells who has an account. */
export default function SignUpCheckEmailPage() {
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Check your email</h1>
      <p className="text-sm text-muted">
        We sent a message to the address you entered. To finish, open the link in it to confirm the address is yours. If the address already has
        an account, the message tells you how to sign in instead.
      </p>
      <p className="mt-6 text-sm">
        <Link href="/signin" className="font-medium text-accent hover:underline">
          Go to sign in
        </Link>
      </p>
    </>
  );
}
