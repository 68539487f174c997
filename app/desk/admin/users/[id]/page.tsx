import type { Metadata, Route } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminPanel } from "@/components/admin/admin-panel";
import { RecordCustomFields } from "@/components/desk/record-custom-fields";
import { EmptyState } from "@/components/empty-state";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { expectedFailureOf } from "@/server/error-response";

export const metadata: Metadata = { title: "Person · Admin" };

/** One person's custom fields, as an admin fills them in (agents fill them in beside a ticket too). */
export default async function AdminUserPage({ params }: PageProps<"/desk/admin/users/[id]">) {
  await requireUser("admin");
  const { id } = await params;
  const person = await (await getServerApi()).admin.users.fields({ userId: id }).catch((error: unknown) => {
    // A mistyped address (not an id) or someone who no longer exists.
    const status = expectedFailureOf(error)?.status;
    if (status === 400 || status === 404) notFound();
    throw error;
  });
  const back = `/desk/admin/users?kind=${person.role === "customer" ? "customers" : "staff"}` as Route;
  return (
    <div className="space-y-4">
      <Link href={back} className="text-sm text-muted hover:text-fg">
        ← {person.role === "customer" ? "Customers" : "Staff"}
      </Link>
      <AdminPanel id="person-fields" title={person.name} description={`${person.email} · ${person.role}`}>
        {person.fields.length ? (
          <div className="max-w-xl">
            <RecordCustomFields target="user" recordId={person.id} name={person.name} fields={person.fields} editable />
          </div>
        ) : (
          <EmptyState
            title="No user fields yet"
            action={
              <Link href={"/desk/admin/fields" as Route} className="text-sm font-medium text-accent hover:underline">
                Add a user field
              </Link>
            }
          >
            Fields for people (a plan, an account number, a region) are defined under Fields; their values are filled in here and beside a ticket.
          </EmptyState>
        )}
      </AdminPanel>
    </div>
  );
}
