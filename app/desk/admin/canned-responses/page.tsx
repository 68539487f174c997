import type { Metadata } from "next";
import { AdminPanel, Disclosure } from "@/components/admin/admin-panel";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { cannedResponseListLimit } from "@/server/admin/canned-responses";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { CannedResponseForm } from "./canned-response-form";
import { DeleteCannedResponseButton } from "./delete-canned-response-button";

export const metadata: Metadata = { title: "Canned responses · Admin" };

export default async function AdminCannedResponsesPage() {
  await requireUser("admin");
  const responses = await (await getServerApi()).admin.cannedResponses.list({});

  return (
    <div className="space-y-6">
      <AdminPanel
        id="new-canned-response"
        title="New canned response"
        description="Saved replies agents insert from the ticket composer. Placeholders are filled in for each ticket."
      >
        <CannedResponseForm />
      </AdminPanel>
      {responses.length === 0 ? (
        <EmptyState title="No canned responses yet">
          Save the answers your team types most often, such as a refund confirmation or a password-reset walkthrough. Start one above.
        </EmptyState>
      ) : (
        <section aria-labelledby="saved-responses" className="space-y-3">
          <h2 id="saved-responses" className="font-semibold">
            Saved responses <span className="text-sm font-normal text-muted">({responses.length})</span>
          </h2>
          {responses.length >= cannedResponseListLimit ? (
            <p className="text-sm text-warning">Showing the first {cannedResponseListLimit} by title.</p>
          ) : null}
          <ul className="space-y-3">
            {responses.map((response) => (
              <li key={response.id} className="space-y-3 rounded-lg border border-border bg-surface p-4">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0">
                    <h3 className="font-medium">{response.title}</h3>
                    <p className="text-xs text-muted">
                      Updated <RelativeTime date={response.updatedAt} />
                      {response.createdByName ? ` · created by ${response.createdByName}` : null}
                    </p>
                  </div>
                  <DeleteCannedResponseButton id={response.id} title={response.title} />
                </div>
                <p className="line-clamp-3 text-sm whitespace-pre-wrap text-muted">{response.body}</p>
                <Disclosure summary={`Edit ${response.title}`}>
                  <CannedResponseForm response={response} />
                </Disclosure>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
