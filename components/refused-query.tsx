import type { Route } from "next";
import Link from "next/link";
import { EmptyState } from "./empty-state";

/** Shown in place of a list whose address the server refused (a broken page link, a NUL byte): what is wrong, and a way back. */
export function RefusedQuery({ message, startOverHref }: { message: string; startOverHref: Route }) {
  return (
    <div role="alert">
      <EmptyState
        title="This address does not work"
        action={
          <Link href={startOverHref} className="text-sm font-medium text-accent hover:underline">
            Start from the first page
          </Link>
        }
      >
        {message}
      </EmptyState>
    </div>
  );
}
