import type { Metadata } from "next";
import { ConfirmEmailForm } from "./confirm-email-form";

export const metadata: Metadata = { title: "Confirm your email address" };

/**
 * Opened from the "confirm your email address" email. Opening it changes
 * nothing (mail scanners open links too); the button confirms.
 */
export default async function VerifyEmailPage({ searchParams }: PageProps<"/verify-email">) {
  const { token } = await searchParams;
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Confirm your email address</h1>
      <ConfirmEmailForm token={typeof token === "string" ? token : ""} />
    </>
  );
}
