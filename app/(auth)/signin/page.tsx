import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeReturnPath } from "@/server/auth/return-path";
import { getSessionUser } from "@/server/auth/session";
import { EmailLinkForm, SignInForm } from "../auth-forms";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/signin">) {
  if (await getSessionUser()) redirect("/");
  const { callbackUrl, error } = await searchParams;
  // Checked here as well as where it is used, so the page never carries a hostile destination.
  const returnTo = safeReturnPath(callbackUrl);
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Sign in</h1>
      <p className="mb-6 text-sm text-muted">Follow your support requests or work the desk.</p>
      <SignInForm callbackUrl={returnTo} />
      {error ? (
        <p role="alert" className="mt-4 rounded-md border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger">
          {error === "Verification" ? "That sign-in link has expired or was already used. Ask for a new one." : "That sign-in did not work. Try again."}
        </p>
      ) : null}
      <div className="my-6 flex items-center gap-3 text-xs text-muted" aria-hidden="true">
        <span className="h-px flex-1 bg-border" />
        or
        <span className="h-px flex-1 bg-border" />
      </div>
      <EmailLinkForm callbackUrl={returnTo} />
    </>
  );
}
