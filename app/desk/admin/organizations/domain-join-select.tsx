"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { useTRPC } from "@/components/trpc/client";
import type { OrganizationDomainJoin } from "@/lib/vocabularies";
import { SaveOutcome } from "@/components/ui/save-outcome";

const labels: Record<OrganizationDomainJoin, string> = {
  verified_email: "Once they confirm their email address",
  admin_approval: "Once an admin approves them",
  off: "Never by domain",
};

/** The organization's domain-join policy, saved on change. */
export function DomainJoinSelect({ organizationId, name, domainJoin }: { organizationId: string; name: string; domainJoin: OrganizationDomainJoin }) {
  const id = useId();
  const trpc = useTRPC();
  const router = useRouter();
  const save = useMutation(trpc.admin.organizations.setDomainJoin.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label htmlFor={id} className="text-muted">
        People at this domain join {name}
      </label>
      <select
        id={id}
        defaultValue={domainJoin}
        disabled={save.isPending}
        onChange={(e) => save.mutate({ organizationId, domainJoin: e.target.value as OrganizationDomainJoin })}
        className="rounded-md border border-border-strong bg-surface px-2 py-1.5 text-sm"
      >
        {(Object.keys(labels) as OrganizationDomainJoin[]).map((value) => (
          <option key={value} value={value}>
            {labels[value]}
          </option>
        ))}
      </select>
      <SaveOutcome save={save} />
    </div>
  );
}
