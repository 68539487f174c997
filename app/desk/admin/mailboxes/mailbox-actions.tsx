"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmButton } from "@/components/admin/confirm-button";
import { mutationGroup } from "@/components/admin/mutation-group";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";

type Check = { status: "ok" | "failed" | "skipped"; message: string };

const checkStyles: Record<Check["status"], { word: string; className: string }> = {
  ok: { word: "Works", className: "text-success" },
  failed: { word: "Failed", className: "text-danger" },
  skipped: { word: "Not tested", className: "text-muted" },
};

/**
 * What an admin does to one mailbox: test its connections (IMAP and SMTP,
 * each when used; the result stays on screen), switch it on or off, and
 * delete it (asks first).
 */
export function MailboxActions({ id, address, enabled }: { id: string; address: string; enabled: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const test = useMutation(trpc.admin.mailboxes.test.mutationOptions());
  const toggle = useMutation(
    trpc.admin.mailboxes.update.mutationOptions({
      onSuccess: (mailbox) => {
        setNotice(mailbox.enabled ? "Switched on: it is read and sends again." : "Switched off: it is not read, and its replies go out from the app's address.");
        router.refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.admin.mailboxes.delete.mutationOptions({
      onSuccess: () => {
        router.push("/desk/admin/mailboxes");
        router.refresh();
      },
    }),
  );
  const { pending, error, reset } = mutationGroup([test, toggle, remove], () => setNotice(null));

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-start gap-2">
        <Button
          disabled={pending}
          onClick={() => {
            reset();
            test.mutate({ id });
          }}
        >
          {test.isPending ? "Testing… (up to 30 s)" : "Test connection"}
        </Button>
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => {
            reset();
            toggle.mutate({ id, enabled: !enabled });
          }}
        >
          {enabled ? "Switch off" : "Switch on"}
        </Button>
        <ConfirmButton
          label="Delete mailbox"
          question={`Delete ${address}? Its tickets stay; their replies go out from the app's address from then on.`}
          confirmLabel="Delete mailbox"
          pending={pending}
          onConfirm={() => {
            reset();
            remove.mutate({ id });
          }}
        />
      </div>
      <div role="status" aria-live="polite" className="space-y-1 text-sm">
        {notice ? <p className="text-success">{notice}</p> : null}
        {test.isPending ? <p className="text-muted">Connecting to the servers…</p> : null}
        {test.data ? (
          <dl className="grid gap-x-3 gap-y-1 sm:grid-cols-[6rem_minmax(0,1fr)]" aria-label="Connection test">
            {(["imap", "smtp"] as const).map((side) => {
              const check = test.data[side];
              return (
                <div key={side} className="contents">
                  <dt className="font-medium">{side.toUpperCase()}</dt>
                  <dd className="min-w-0 wrap-anywhere">
                    <span className={`font-medium ${checkStyles[check.status].className}`}>{checkStyles[check.status].word}:</span> {check.message}
                  </dd>
                </div>
              );
            })}
          </dl>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="text-sm font-medium text-danger">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
