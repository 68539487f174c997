"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmButton } from "@/components/admin/confirm-button";
import { mutationGroup } from "@/components/admin/mutation-group";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { SecretReveal } from "../secret-reveal";

/**
 * What an admin does to one endpoint: switch it on or off, queue a test
 * event, rotate the secret (asks first; shows the new one once) and delete
 * it (asks first; its delivery log goes with it).
 */
export function EndpointActions({ id, url, enabled }: { id: string; url: string; enabled: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const done = (message: string) => {
    setNotice(message);
    router.refresh();
  };

  const toggle = useMutation(
    trpc.admin.webhooks.update.mutationOptions({
      onSuccess: (endpoint) => done(endpoint.enabled ? "Switched on: new events are delivered again." : "Switched off: nothing is sent to it until it is switched on again."),
    }),
  );
  const test = useMutation(trpc.admin.webhooks.sendTestEvent.mutationOptions({ onSuccess: () => done("Test event queued: it appears in the log below.") }));
  const rotate = useMutation(
    trpc.admin.webhooks.rotateSecret.mutationOptions({
      onSuccess: (result) => {
        setSecret(result.secret);
        done("Secret rotated.");
      },
    }),
  );
  const remove = useMutation(
    trpc.admin.webhooks.delete.mutationOptions({
      onSuccess: () => {
        router.push("/desk/admin/webhooks");
        router.refresh();
      },
    }),
  );
  const { pending, error, reset } = mutationGroup([toggle, test, rotate, remove], () => setNotice(null));

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-start gap-2">
        {enabled ? (
          <Button
            disabled={pending}
            onClick={() => {
              reset();
              test.mutate({ id });
            }}
          >
            {test.isPending ? "Queuing…" : "Send test event"}
          </Button>
        ) : null}
        <Button
          variant={enabled ? "secondary" : "primary"}
          disabled={pending}
          onClick={() => {
            reset();
            toggle.mutate({ id, enabled: !enabled });
          }}
        >
          {enabled ? "Switch off" : "Switch on"}
        </Button>
        <ConfirmButton
          label="Rotate secret"
          question="Make a new signing secret? The current one keeps signing for 24 hours, so the receiver can switch over."
          confirmLabel="Rotate secret"
          pending={pending}
          onConfirm={() => {
            reset();
            setSecret(null);
            rotate.mutate({ id });
          }}
        />
        <ConfirmButton
          label="Delete endpoint"
          question={`Delete ${url} and its delivery log? Deliveries still waiting are never sent.`}
          confirmLabel="Delete endpoint"
          pending={pending}
          onConfirm={() => {
            reset();
            remove.mutate({ id });
          }}
        />
      </div>
      <p role="status" className="text-sm text-success">
        {notice}
      </p>
      {error ? (
        <p role="alert" className="text-sm font-medium text-danger">
          {error.message}
        </p>
      ) : null}
      {secret ? (
        <SecretReveal secret={secret} heading="New signing secret" onDone={() => setSecret(null)}>
          <p>The previous secret still signs every delivery for 24 hours (both signatures are sent), then stops.</p>
        </SecretReveal>
      ) : null}
    </div>
  );
}
