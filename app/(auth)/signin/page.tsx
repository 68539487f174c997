import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth/session";
import { SignInForm } from "../auth-forms";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/signin">) {
  if (await getSessionUser()) redirect("/");
  const { callbackUrl } = await searchParams;
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Sign in</h1>
      <p className="mb-6 text-sm text-muted">Follow your support requests or work the desk.</p>
      <SignInForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
    </>
  );
}
