"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ApiScope } from "@/lib/vocabularies";

export interface NewToken {
  token: string;
  name: string;
  scopes: ApiScope[];
  expiresAt: Date | null;
}

const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/**
 * The one time a token's secret is shown: focus moves here so keyboard and
 * screen-reader users land on it, the text is selectable and copyable, and it
 * says plainly that it will not be shown again.
 */
export function NewTokenNotice({ token, onDone }: { token: NewToken; onDone: () => void }) {
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [copyOutcome, setCopyOutcome] = useState<string | null>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, [token.token]);

  async function copy() {
    inputRef.current?.select();
    try {
      await navigator.clipboard.writeText(token.token);
      setCopyOutcome("Copied to the clipboard.");
    } catch {
      // No clipboard access (an insecure origin, a denied permission): the text is selected for a manual copy.
      setCopyOutcome("Could not copy automatically: the token is selected, press Ctrl+C (⌘C on a Mac).");
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3 rounded-lg border border-accent bg-accent-soft p-4">
      <h3 id={`${id}-title`} ref={headingRef} tabIndex={-1} className="font-semibold focus:outline-none">
        Token “{token.name}” created
      </h3>
      <p className="text-sm font-medium">Copy it now: you will not see it again. Frontdesk keeps only a fingerprint of it, so it cannot show it to you later.</p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <label htmlFor={`${id}-token`} className="sr-only">
          Your new token
        </label>
        <input
          id={`${id}-token`}
          ref={inputRef}
          readOnly
          value={token.token}
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
          className="block w-full min-w-0 rounded-md border border-border-strong bg-surface px-3 py-2 font-mono text-sm text-fg focus-visible:outline-2 focus-visible:outline-accent"
        />
        <Button onClick={copy} className="shrink-0">
          Copy
        </Button>
      </div>
      <p role="status" className="text-sm">
        {copyOutcome}
      </p>
      <p className="text-xs text-muted">
        Scopes: {token.scopes.join(", ")} · {token.expiresAt ? `expires ${day.format(token.expiresAt)}` : "does not expire"}. Send it in the{" "}
        <code className="font-mono">Authorization: Bearer …</code> header of requests to <code className="font-mono">/api/v1</code>.
      </p>
      <Button variant="secondary" onClick={onDone}>
        I have stored it
      </Button>
    </section>
  );
}
