"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { signIn } from "@/server/auth";
import { EMAIL_LINK_PROVIDER } from "@/server/auth/email-link";
import { safeReturnPath } from "@/server/auth/return-path";
import { getServerApi } from "@/server/caller";
import { formStateFor } from "@/server/error-response";
import { NUL_BYTE_MESSAGE, formNulByteError } from "@/server/nul-bytes";

export interface AuthFormState {
  error?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  values?: { name?: string; email?: string };
}

export async function signInAction(_state: AuthFormState, form: FormData): Promise<AuthFormState> {
  // Auth.js would look the address up as it is: PostgreSQL cannot even compare text holding a NUL.
  if (formNulByteError(form)) return { error: NUL_BYTE_MESSAGE };
  const email = String(form.get("email") ?? "");
  try {
    await signIn("credentials", { email, password: String(form.get("password") ?? ""), redirectTo: safeReturnPath(form.get("callbackUrl")) });
    return {};
  } catch (error) {
    // signIn redirects by throwing; only Auth.js's own errors are failures.
    if (error instanceof CredentialsSignin && error.code === "rate_limited") {
      // Only this network is shut out of this account, and the password throttles never stop a sign-in link.
      return { error: "Too many failed sign-ins from your network. Wait 15 minutes, or get a sign-in link by email below.", values: { email } };
    }
    if (error instanceof AuthError) return { error: "That email and password do not match an active account.", values: { email } };
    throw error;
  }
}

export async function emailLinkAction(_state: AuthFormState, form: FormData): Promise<AuthFormState> {
  if (formNulByteError(form)) return { error: NUL_BYTE_MESSAGE };
  const email = String(form.get("email") ?? "").trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return { error: "Enter the email address of your account.", values: { email } };
  try {
    await signIn(EMAIL_LINK_PROVIDER, { email, redirectTo: safeReturnPath(form.get("callbackUrl")) });
    return {};
  } catch (error) {
    if (error instanceof AuthError) {
      return { error: "We could not send a sign-in link. If you asked for several in a row, wait 15 minutes and try again.", values: { email } };
    }
    throw error;
  }
}

export async function signUpAction(_state: AuthFormState, form: FormData): Promise<AuthFormState> {
  const values = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") };
  const password = String(form.get("password") ?? "");
  try {
    const api = await getServerApi();
    await api.auth.signUp({ ...values, password });
  } catch (error) {
    // Field errors (zod's, or a NUL byte's) or the AppError's message; anything else is rethrown.
    return { ...formStateFor(error), values };
  }
  // The same page whether the address was new or taken: the mail says which.
  redirect("/signup/check-email");
}
