import Form from "next/form";
import { buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/field";

/** A plain GET search: works before hydration, and the URL can be shared. */
export function UserSearch({ kind, query }: { kind: "staff" | "customers"; query: string }) {
  return (
    <Form action="/desk/admin/users" role="search" className="flex w-full gap-2 sm:w-auto">
      <input type="hidden" name="kind" value={kind} />
      <label htmlFor="user-search" className="sr-only">
        Search {kind} by name or email
      </label>
      <Input key={`${kind}:${query}`} id="user-search" name="q" type="search" defaultValue={query} maxLength={120} placeholder={`Search ${kind} by name or email`} className="sm:w-72" />
      <button type="submit" className={buttonClasses("secondary")}>
        Search
      </button>
    </Form>
  );
}
