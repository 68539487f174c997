"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { CustomFieldValue } from "@/lib/custom-field-vocabulary";
import type { RecordFieldView, RecordTarget } from "@/server/users/record-custom-values";
import { DeskCustomFields } from "../custom-fields/desk-custom-fields";
import { TicketFieldList } from "../custom-fields/ticket-field-list";
import { useTRPC } from "../trpc/client";
import { useToast } from "../ui/toast";

/**
 * A person's or an organization's custom fields in the desk. Who may edit
 * decides the page (agents edit people, admins organizations; the server
 * checks it again); others read the values held, retired fields included.
 * Each change saves at once, with the panel's controls; a refused value is
 * named at its field and nothing is stored.
 */
export function RecordCustomFields({
  target,
  recordId,
  name,
  fields,
  editable,
}: {
  target: RecordTarget;
  recordId: string;
  /** The person's or organization's name, for the read-only list's label. */
  name: string;
  fields: RecordFieldView[];
  editable: boolean;
}) {
  if (!editable) return <TicketFieldList fields={fields.filter((field) => field.value !== null)} label={`Details of ${name}`} />;
  return <FieldsEditor target={target} recordId={recordId} fields={fields} />;
}

function FieldsEditor({ target, recordId, fields }: { target: RecordTarget; recordId: string; fields: RecordFieldView[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const saved = (_: unknown, input: { customFields: Record<string, unknown> }) => {
    router.refresh();
    const key = Object.keys(input.customFields)[0];
    toast.show({ message: "Saved", detail: `${fields.find((field) => field.key === key)?.label ?? key} changed` });
  };
  const user = useMutation(trpc.admin.users.setFields.mutationOptions({ onSuccess: saved }));
  const organization = useMutation(trpc.admin.organizations.setFields.mutationOptions({ onSuccess: saved }));
  const save = target === "user" ? user : organization;
  const fieldErrors = save.error?.data?.fieldErrors ?? {};
  // Named as the server's customFieldErrorName names them (the portal's form reads them the same way).
  const error = (key: string) => fieldErrors[`customFields.${key}`]?.[0];
  // A refusal no field shows (the record is gone, the session ended) goes under the fields.
  const otherError = save.error && !fields.some((field) => error(field.key)) ? save.error.message : null;

  function change(key: string, value: CustomFieldValue | null) {
    const customFields = { [key]: value };
    if (target === "user") user.mutate({ userId: recordId, customFields });
    else organization.mutate({ organizationId: recordId, customFields });
  }

  return (
    <fieldset disabled={save.isPending} aria-busy={save.isPending} className="min-w-0">
      <legend className="sr-only">{target === "user" ? "Person's fields" : "Organization's fields"}</legend>
      <DeskCustomFields fields={fields} onChange={change} idPrefix={`${target}-cf-${recordId.slice(0, 8)}`} errors={error} />
      {otherError ? (
        <p role="alert" className="mt-2 text-xs text-danger">
          {otherError}
        </p>
      ) : null}
    </fieldset>
  );
}
