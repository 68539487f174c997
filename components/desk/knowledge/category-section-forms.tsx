"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { mutationErrors } from "@/components/admin/mutation-errors";
import { useTRPCClient } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { describedBy, Field, FormError, Input, Select } from "@/components/ui/field";

/** A manager's forms for a new help-center category and a new section in one. */
export function CategorySectionForms({ categories }: { categories: { id: number; name: string }[] }) {
  const prefix = useId();
  const client = useTRPCClient();
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const category = useMutation({
    mutationFn: (input: { name: string; description: string }) => client.knowledge.manage.createCategory.mutate(input),
    onSuccess: (_result, input) => {
      setNotice(`Category “${input.name}” added. Give it a section so articles can go in it.`);
      router.refresh();
    },
  });
  const section = useMutation({
    mutationFn: (input: { categoryId: number; name: string; description: string }) => client.knowledge.manage.createSection.mutate(input),
    onSuccess: (_result, input) => {
      setNotice(`Section “${input.name}” added.`);
      router.refresh();
    },
  });
  const categoryErrors = mutationErrors(category.error, ["name", "description"]);
  const sectionErrors = mutationErrors(section.error, ["categoryId", "name"]);

  function addCategory(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    setNotice(null);
    category.mutate({ name: String(form.get("name") ?? ""), description: String(form.get("description") ?? "") }, { onSuccess: () => element.reset() });
  }

  function addSection(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    setNotice(null);
    section.mutate({ categoryId: Number(form.get("categoryId")), name: String(form.get("name") ?? ""), description: "" }, { onSuccess: () => element.reset() });
  }

  return (
    <section aria-labelledby={`${prefix}-title`} className="space-y-4 rounded-lg border border-border bg-surface p-5">
      <h2 id={`${prefix}-title`} className="text-base font-semibold">
        Categories and sections
      </h2>
      <p role="status" className="text-sm text-success">
        {notice}
      </p>
      <div className="grid gap-6 md:grid-cols-2">
        <form onSubmit={addCategory} className="space-y-3" noValidate aria-label="New category">
          <FormError message={categoryErrors.formError} />
          <Field id={`${prefix}-category-name`} label="New category" error={categoryErrors.field("name")}>
            <Input id={`${prefix}-category-name`} name="name" required maxLength={120} {...describedBy(`${prefix}-category-name`, categoryErrors.field("name"))} />
          </Field>
          <Field id={`${prefix}-category-description`} label="Description (optional)" error={categoryErrors.field("description")}>
            <Input id={`${prefix}-category-description`} name="description" maxLength={500} {...describedBy(`${prefix}-category-description`, categoryErrors.field("description"))} />
          </Field>
          <Button type="submit" variant="secondary" disabled={category.isPending}>
            {category.isPending ? "Adding…" : "Add category"}
          </Button>
        </form>
        <form onSubmit={addSection} className="space-y-3" noValidate aria-label="New section">
          <FormError message={sectionErrors.formError} />
          <Field id={`${prefix}-section-category`} label="In category" error={sectionErrors.field("categoryId")}>
            <Select id={`${prefix}-section-category`} name="categoryId" {...describedBy(`${prefix}-section-category`, sectionErrors.field("categoryId"))}>
              {categories.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field id={`${prefix}-section-name`} label="New section" error={sectionErrors.field("name")}>
            <Input id={`${prefix}-section-name`} name="name" required maxLength={120} {...describedBy(`${prefix}-section-name`, sectionErrors.field("name"))} />
          </Field>
          <Button type="submit" variant="secondary" disabled={section.isPending || categories.length === 0}>
            {section.isPending ? "Adding…" : "Add section"}
          </Button>
        </form>
      </div>
    </section>
  );
}
