"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

/**
 * A signing secret, shown once after an endpoint is added or its secret is
 * rotated: a read-only box (selected on focus), a copy button, and how
 * receivers use it. The panel takes focus when it appears, so keyboard and
 * screen-reader users land on it.
 */
export function SecretReveal({ secret, heading, children, onDone }: { secret: string; heading: string; children?: ReactNode; onDone?: () => void }) {
  const id = useId();
  const panelRef = useRef<HTMLElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    panelRef.current?.focus();
  }, [secret]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("Copied to the clipboard.");
    } catch {
      // No clipboard access (an insecure origin, a denied permission): leave the secret selected to copy by hand.
      inputRef.current?.select();
      setCopied("Copying was blocked here: the secret is selected, press Ctrl+C (⌘C) to copy it.");
    }
  }

  return (
    <section
      ref={panelRef}
      tabIndex={-1}
      aria-labelledby={`${id}-heading`}
      className="space-y-3 rounded-lg border border-warning/50 bg-warning-soft/40 p-4 focus:outline-2 focus:outline-accent"
    >
      <h3 id={`${id}-heading`} className="font-semibold wrap-anywhere">
        {heading}
      </h3>
      <p className="text-sm">
        Copy the signing secret now and store it where the receiving system reads it. <strong>It is shown only this once</strong>; if it is lost, rotate it.
      </p>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <label htmlFor={`${id}-secret`} className="sr-only">
          Signing secret
        </label>
        <input
          ref={inputRef}
          id={`${id}-secret`}
          readOnly
          value={secret}
          onFocus={(event) => event.currentTarget.select()}
          className="block w-full min-w-0 rounded-md border border-border-strong bg-surface px-3 py-2 font-mono text-sm text-fg focus-visible:outline-2 focus-visible:outline-accent"
        />
        <Button variant="secondary" onClick={copy} className="shrink-0">
          Copy secret
        </Button>
      </div>
      <p role="status" className="text-xs text-muted">
        {copied}
      </p>
      <div className="space-y-1 text-sm text-muted">
        <p>
          Every delivery is a POST of JSON with the Standard Webhooks headers <code className="font-mono text-xs">webhook-id</code>,{" "}
          <code className="font-mono text-xs">webhook-timestamp</code> and <code className="font-mono text-xs">webhook-signature</code>. Check the signature with
          this secret before trusting a request (the <code className="font-mono text-xs">standardwebhooks</code> library does it in one call), and drop a{" "}
          <code className="font-mono text-xs">webhook-id</code> already seen: a redelivery repeats it.
        </p>
        <p>
          The README’s “Webhooks” section has a ten-line Node example; the{" "}
          <a href="https://www.standardwebhooks.com/" className="text-accent underline underline-offset-2" target="_blank" rel="noreferrer">
            Standard Webhooks specification<span className="sr-only"> (opens in a new tab)</span>
          </a>{" "}
          covers other languages.
        </p>
        {children}
      </div>
      {onDone ? (
        <div className="flex justify-end">
          <Button variant="ghost" onClick={onDone}>
            I have stored it
          </Button>
        </div>
      ) : null}
    </section>
  );
}
