import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Check your email" };

export default function CheckEmailPage() {
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Check your email</h1>
      <p className="text-sm text-muted">
        If that address belongs to an account, a sign-in link is on its way. It works once and expires in 15 minutes.
      </p>
      <p className="mt-6 text-sm">
        <Link href="/signin" className="font-medium text-accent hover:underline">
          Back to sign in
        </Link>
      </p>
    </>
  );
}
