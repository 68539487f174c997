"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { SavedNotice } from "@/components/admin/admin-panel";
import { mutationErrors, optionOf } from "@/components/admin/mutation-errors";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { describedBy, Field, FormError, Input, Select } from "@/components/ui/field";
import type { UserRole } from "@/lib/vocabularies";

const staffRoles = ["agent", "manager", "admin"] as const satisfies readonly UserRole[];
const passwordHint = "At least 8 characters. Share it with them privately; they sign in with it.";

/** Adds an agent, manager or admin with an initial password. */
export function CreateStaffForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [saved, setSaved] = useState<string | null>(null);
  const create = useMutation(trpc.admin.users.create.mutationOptions());
  const { field, formError } = mutationErrors(create.error, ["name", "email", "role", "password"]);
  const ids = { name: `${id}-name`, email: `${id}-email`, role: `${id}-role`, password: `${id}-password` };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setSaved(null);
    create.mutate(
      {
        name: String(form.get("name") ?? ""),
        email: String(form.get("email") ?? ""),
        role: optionOf(staffRoles, form.get("role")) ?? "agent",
        password: String(form.get("password") ?? ""),
      },
      {
        onSuccess: (user) => {
          formElement.reset();
          setSaved(`${user.name} was added as ${/^[aeiou]/.test(user.role) ? "an" : "a"} ${user.role}. They can sign in as ${user.email}.`);
          router.refresh();
        },
      },
    );
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label="Add a staff member">
      <FormError message={formError} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={ids.name} label="Name" error={field("name")}>
          <Input id={ids.name} name="name" autoComplete="off" required maxLength={120} {...describedBy(ids.name, field("name"))} />
        </Field>
        <Field id={ids.email} label="Email" error={field("email")}>
          <Input id={ids.email} name="email" type="email" autoComplete="off" required maxLength={254} {...describedBy(ids.email, field("email"))} />
        </Field>
        <Field id={ids.role} label="Role" error={field("role")} hint="Managers also see reports; admins also manage this area.">
          <Select id={ids.role} name="role" defaultValue="agent" {...describedBy(ids.role, field("role"), "Managers also see reports; admins also manage this area.")}>
            <option value="agent">Agent</option>
            <option value="manager">Manager</option>
            <option value="admin">Admin</option>
          </Select>
        </Field>
        <Field id={ids.password} label="Initial password" error={field("password")} hint={passwordHint}>
          <Input
            id={ids.password}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            maxLength={200}
            {...describedBy(ids.password, field("password"), passwordHint)}
          />
        </Field>
      </div>
      <div className="flex flex-wrap items-center justify-end gap-3">
        <SavedNotice message={saved} />
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add staff member"}
        </Button>
      </div>
    </form>
  );
}
