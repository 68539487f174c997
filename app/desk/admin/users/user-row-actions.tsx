"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ConfirmButton } from "@/components/admin/confirm-button";
import { optionOf } from "@/components/admin/mutation-errors";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { userRoles, type UserRole } from "@/lib/vocabularies";

const roleLabels: Record<UserRole, string> = { customer: "Customer", agent: "Agent", manager: "Manager", admin: "Admin" };

interface RowUser {
  id: string;
  name: string;
  role: UserRole;
  disabledAt: Date | null;
}

function RowError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="mt-1.5 max-w-xs text-xs font-medium text-danger">
      {message}
    </p>
  );
}

/** Pick a role, then apply it: a keyboard user browsing the options changes nothing by accident. */
export function UserRoleControl({ user }: { user: RowUser }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [role, setRole] = useState<UserRole>(user.role);
  const change = useMutation(trpc.admin.users.setRole.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div>
      <div className="flex items-center gap-2">
        <label htmlFor={id} className="sr-only">
          Role of {user.name}
        </label>
        <div className="w-32">
          <Select id={id} value={role} onChange={(e) => setRole(optionOf(userRoles, e.target.value) ?? user.role)}>
            {userRoles.map((value) => (
              <option key={value} value={value}>
                {roleLabels[value]}
              </option>
            ))}
          </Select>
        </div>
        {role !== user.role ? (
          <Button variant="secondary" disabled={change.isPending} onClick={() => change.mutate({ userId: user.id, role })}>
            {change.isPending ? "Saving…" : "Apply"}
          </Button>
        ) : null}
      </div>
      <RowError message={change.error?.message} />
    </div>
  );
}

/** Disable (asks first) or re-enable an account. Disabled people are signed out on their next request. */
export function UserAccessControls({ user }: { user: RowUser }) {
  const trpc = useTRPC();
  const router = useRouter();
  const toggle = useMutation(trpc.admin.users.setDisabled.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div>
      <div className="flex items-start gap-2">
        {user.disabledAt ? (
          <>
            <span className="mt-2 rounded bg-danger-soft px-1.5 py-0.5 text-xs font-medium whitespace-nowrap text-danger">Disabled</span>
            <Button variant="secondary" disabled={toggle.isPending} onClick={() => toggle.mutate({ userId: user.id, disabled: false })}>
              Enable
            </Button>
          </>
        ) : (
          <>
            <span className="mt-2 rounded bg-success-soft px-1.5 py-0.5 text-xs font-medium whitespace-nowrap text-success">Active</span>
            <ConfirmButton
              label="Disable"
              question={`Disable ${user.name}? They are signed out at once.`}
              confirmLabel="Disable"
              pending={toggle.isPending}
              onConfirm={() => toggle.mutate({ userId: user.id, disabled: true })}
            />
          </>
        )}
      </div>
      <RowError message={toggle.error?.message} />
    </div>
  );
}
