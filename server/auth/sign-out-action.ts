"use server";

import "server-only";
import { signOut } from "@/server/auth";

/** The header's sign-out button: ends the session and lands on the sign-in page. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/signin" });
}
