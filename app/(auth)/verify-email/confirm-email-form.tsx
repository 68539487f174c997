"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { confirmEmailAction, type ConfirmEmailState } from "./actions";

/** One button that uses the emailed link, then says what it did. */
export function ConfirmEmailForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<ConfirmEmailState, FormData>(confirmEmailAction, {});
  if (state.outcome === "confirmed") {
    return (
      <div role="status" className="space-y-4 text-sm">
        <p>Your email address is confirmed.</p>
        {state.joined ? <p>You are now a member of {state.joined}: you can follow the tickets it shares.</p> : null}
        {state.awaitingApproval ? <p>An admin of the help desk will approve you before you can follow {state.awaitingApproval}&apos;s shared tickets.</p> : null}
        <SignInLink />
      </div>
    );
  }
  if (state.outcome === "invalid" || state.outcome === "expired") {
    return (
      <div role="alert" className="space-y-4 text-sm">
        <p>
          {state.outcome === "expired" ? "This link has expired." : "This link is not valid. Open it again from the email, copying the whole link."} You can
          also confirm your address by signing in with a sign-in link sent by email.
        </p>
        <SignInLink />
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4">
      <p className="text-sm text-muted">Confirm that this address is yours to finish setting up your account.</p>
      <FormError message={state.error} />
      <input type="hidden" name="token" value={token} />
      <Button type="submit" className="w-full" disabled={pending || !token}>
        {pending ? "Confirming…" : "Confirm my email address"}
      </Button>
    </form>
  );
}

function SignInLink() {
  return (
    <p>
      <Link href="/signin" className="font-medium text-accent hover:underline">
        Go to sign in
      </Link>
    </p>
  );
}
