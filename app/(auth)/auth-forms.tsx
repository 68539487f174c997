"use client";

import type { Route } from "next";
import Link from "next/link";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, Field, FormError, Input } from "@/components/ui/field";
import { emailLinkAction, signInAction, signUpAction, type AuthFormState } from "./actions";

/** Where "Forgot password?" goes: the email sign-in link, keeping where the person was headed. */
function forgotPasswordHref(callbackUrl: string | undefined): Route {
  return (callbackUrl && callbackUrl !== "/" ? `/signin/forgot-password?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/signin/forgot-password") as Route;
}

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signInAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
      <FormError message={state.error} />
      <Field id="email" label="Email">
        <Input id="email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} autoFocus />
      </Field>
      <Field id="password" label="Password">
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      <p className="-mt-2 text-right text-sm">
        <Link href={forgotPasswordHref(callbackUrl)} className="text-accent hover:underline">
          Forgot password?
        </Link>
      </p>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-center text-sm text-muted">
        New here?{" "}
        <Link href="/signup" className="font-medium text-accent hover:underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}

/** Sign in without a password: a one-time link by email. */
export function EmailLinkForm({
  callbackUrl,
  label = "Email me a sign-in link instead",
  submitLabel = "Send me a link",
  autoFocus = false,
}: {
  callbackUrl?: string;
  label?: string;
  submitLabel?: string;
  autoFocus?: boolean;
}) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(emailLinkAction, {});
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
      <FormError message={state.error} />
      <Field id="link-email" label={label}>
        <Input id="link-email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} placeholder="you@company.com" autoFocus={autoFocus} />
      </Field>
      <Button type="submit" variant="secondary" className="w-full" disabled={pending}>
        {pending ? "Sending…" : submitLabel}
      </Button>
    </form>
  );
}

export function SignUpForm() {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signUpAction, {});
  // Controlled, so the password survives the form reset React does after the action: an error
  // (a taken name's rules, a mistyped email) does not make the person type it again. It is never sent back.
  const [password, setPassword] = useState("");
  const errors = state.fieldErrors ?? {};
  const field = (name: string) => errors[name]?.[0];
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormError message={state.error} />
      <Field id="name" label="Your name" error={field("name")}>
        <Input id="name" name="name" autoComplete="name" required maxLength={120} defaultValue={state.values?.name} {...describedBy("name", field("name"))} autoFocus />
      </Field>
      <Field id="email" label="Email" error={field("email")}>
        <Input id="email" name="email" type="email" autoComplete="email" required defaultValue={state.values?.email} {...describedBy("email", field("email"))} />
      </Field>
      <Field id="password" label="Password" hint="At least 8 characters." error={field("password")}>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          {...describedBy("password", field("password"), "At least 8 characters.")}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </Button>
      <p className="text-center text-sm text-muted">
        Already have an account?{" "}
        <Link href="/signin" className="font-medium text-accent hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
