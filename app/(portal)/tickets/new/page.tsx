import type { Metadata } from "next";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { NewTicketForm } from "./new-ticket-form";

export const metadata: Metadata = { title: "New ticket" };

export default async function NewTicketPage() {
  await requireUser("customer");
  const api = await getServerApi();
  const [categories, forms] = await Promise.all([api.categories.list(), api.categories.forms()]);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Open a ticket</h1>
        <p className="text-sm text-muted">Tell us what happened. The more detail, the faster we can help.</p>
      </div>
      <NewTicketForm categories={categories} forms={forms} />
    </div>
  );
}
