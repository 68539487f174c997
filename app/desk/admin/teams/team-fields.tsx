import { describedBy, Field, FormError, Input } from "@/components/ui/field";

/** Name and description of a team, shared by the create and edit forms. */
export function TeamFields({
  idPrefix,
  errors,
  defaults,
}: {
  idPrefix: string;
  errors: { field: (name: "name" | "description") => string | undefined; formError: string | null };
  defaults?: { name: string; description: string };
}) {
  const name = `${idPrefix}-name`;
  const description = `${idPrefix}-description`;
  const hint = "Optional: what this team handles.";
  return (
    <>
      <FormError message={errors.formError} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={name} label="Team name" error={errors.field("name")}>
          <Input id={name} name="name" required maxLength={80} defaultValue={defaults?.name} {...describedBy(name, errors.field("name"))} />
        </Field>
        <Field id={description} label="Description" error={errors.field("description")} hint={hint}>
          <Input
            id={description}
            name="description"
            maxLength={500}
            defaultValue={defaults?.description}
            {...describedBy(description, errors.field("description"), hint)}
          />
        </Field>
      </div>
    </>
  );
}
