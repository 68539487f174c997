"use server";

import { getServerApi } from "@/server/caller";
import { formStateFor } from "@/server/error-response";

export interface ConfirmEmailState {
  outcome?: "confirmed" | "invalid" | "expired";
  /** The organization the person joined, or is waiting to join, by confirming. */
  joined?: string | null;
  awaitingApproval?: string | null;
  error?: string;
}

export async function confirmEmailAction(_state: ConfirmEmailState, form: FormData): Promise<ConfirmEmailState> {
  try {
    const result = await (await getServerApi()).auth.verifyEmail({ token: String(form.get("token") ?? "") });
    if (!result.ok) return { outcome: result.reason };
    return { outcome: "confirmed", joined: result.joined, awaitingApproval: result.awaitingApproval };
  } catch (error) {
    const state = formStateFor(error);
    return { error: state.error ?? "This link is not valid." };
  }
}
