"use client";

import { forgetAllDrafts } from "./live/reply-drafts";

/** Sign-out also forgets the replies being written, so the next person on this browser never sees them. */
export function SignOutForm({ action }: { action: () => Promise<void> }) {
  return (
    <form action={action} onSubmit={() => forgetAllDrafts()}>
      <button type="submit" className="rounded-md px-2 py-1.5 text-sm whitespace-nowrap text-muted hover:bg-surface-muted hover:text-fg">
        Sign out
      </button>
    </form>
  );
}
