import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { safeReturnPath } from "@/server/auth/return-path";
import { getSessionUser } from "@/server/auth/session";
import { EmailLinkForm } from "../../auth-forms";

export const metadata: Metadata = { title: "Forgot password" };

/**
 * "Forgot password?" from the sign-in page. There is no password reset:
 * the way back in is the one-time sign-in link by email, offered here
 * plainly.
 */
export default async function ForgotPasswordPage({ searchParams }: PageProps<"/signin/forgot-password">) {
  if (await getSessionUser()) redirect("/");
  const { callbackUrl } = await searchParams;
  const returnTo = safeReturnPath(callbackUrl);
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Forgot your password?</h1>
      <p className="mb-6 text-sm text-muted">
        Sign in with a link instead: enter the email address of your account and we will send you a one-time link that signs you in, no password needed.
        It works once and expires in 15 minutes.
      </p>
      <EmailLinkForm callbackUrl={returnTo} label="Email" submitLabel="Email me a sign-in link" autoFocus />
      <p className="mt-6 text-sm">
        <Link href={returnTo === "/" ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(returnTo)}`} className="font-medium text-accent hover:underline">
          Back to sign in
        </Link>
      </p>
    </>
  );
}
