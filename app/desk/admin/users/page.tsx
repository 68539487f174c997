import type { Metadata, Route } from "next";
import Link from "next/link";
import { Disclosure } from "@/components/admin/admin-panel";
import { EmptyState } from "@/components/empty-state";
import { RefusedQuery } from "@/components/refused-query";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { refusedQueryOr } from "@/server/page-query";
import { CreateStaffForm } from "./create-staff-form";
import { UserSearch } from "./user-search";
import { UserTable } from "./user-table";

export const metadata: Metadata = { title: "Users · Admin" };

const pageSize = 25;

function usersHref(kind: "staff" | "customers", query?: string, cursor?: string): Route {
  const params = new URLSearchParams({ kind });
  if (query) params.set("q", query);
  if (cursor) params.set("cursor", cursor);
  return `/desk/admin/users?${params.toString()}` as Route;
}

export default async function AdminUsersPage({ searchParams }: PageProps<"/desk/admin/users">) {
  const me = await requireUser("admin");
  const params = await searchParams;
  const kind = params.kind === "customers" ? "customers" : "staff";
  const query = typeof params.q === "string" ? params.q.trim().slice(0, 120) : "";
  const cursor = typeof params.cursor === "string" ? params.cursor : undefined;
  const result = await refusedQueryOr((await getServerApi()).admin.users.list({ kind, query: query || undefined, cursor, limit: pageSize }));
  if (!result.ok) return <RefusedQuery message={result.message} startOverHref={usersHref(kind)} />;
  const page = result.value;

  const tab = (value: "staff" | "customers", label: string) => (
    <Link
      href={usersHref(value)}
      aria-current={kind === value ? "page" : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-medium ${kind === value ? "bg-accent-soft text-accent" : "text-muted hover:bg-surface-muted hover:text-fg"}`}
    >
      {label}
    </Link>
  );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="People" className="flex gap-1">
          {tab("staff", "Staff")}
          {tab("customers", "Customers")}
        </nav>
        <UserSearch kind={kind} query={query} />
      </div>

      {kind === "staff" ? (
        <Disclosure summary="Add a staff member">
          <CreateStaffForm />
        </Disclosure>
      ) : null}

      {page.items.length === 0 ? (
        <EmptyState
          title={query ? `No ${kind} match “${query}”` : kind === "staff" ? "No staff yet" : "No customers yet"}
          action={
            query ? (
              <Link href={usersHref(kind)} className="text-sm font-medium text-accent hover:underline">
                Clear the search
              </Link>
            ) : null
          }
        >
          {query
            ? "Search looks for the text anywhere in names and email addresses. Check the spelling or try part of the address."
            : kind === "staff"
              ? "Add an agent above: they can sign in with the password you give them."
              : "Customers appear here when they sign up in the portal or write in by email."}
        </EmptyState>
      ) : (
        <>
          <UserTable kind={kind} users={page.items} currentUserId={me.id} />
          <nav aria-label="Pages" className="flex justify-between text-sm">
            {cursor ? (
              <Link href={usersHref(kind, query)} className="text-accent hover:underline">
                ← First page
              </Link>
            ) : (
              <span />
            )}
            {page.nextCursor ? (
              <Link href={usersHref(kind, query, page.nextCursor)} className="text-accent hover:underline">
                Next page →
              </Link>
            ) : null}
          </nav>
        </>
      )}
    </div>
  );
}
