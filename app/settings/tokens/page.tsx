import type { Metadata, Route } from "next";
import { AdminPanel } from "@/components/admin/admin-panel";
import { EmptyState } from "@/components/empty-state";
import { RefusedQuery } from "@/components/refused-query";
import { PageLinks } from "@/components/ticket-table";
import { apiTokenLimits, scopesAllowedFor } from "@/server/api-tokens/token-rules";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { refusedQueryOr } from "@/server/page-query";
import { hasRole, isStaff } from "@/server/users/session-user";
import { CreateTokenForm } from "./create-token-form";
import { TokenTable } from "./token-table";

export const metadata: Metadata = { title: "API tokens" };

const allTokensPageSize = 25;

/**
 * Everyone's API tokens page: create one (shown once), see and revoke your
 * own. Admins also get every token in the workspace, paged by `?cursor=`.
 */
export default async function ApiTokensPage({ searchParams }: PageProps<"/settings/tokens">) {
  const user = await requireUser("customer");
  const api = await getServerApi();
  const mine = await api.apiTokens.list();
  const activeCount = mine.filter((token) => token.status === "active").length;
  const admin = hasRole(user, "admin");
  const cursor = admin ? (await searchParams).cursor : undefined;
  const all = admin ? await refusedQueryOr(api.apiTokens.listAll({ cursor: typeof cursor === "string" ? cursor : undefined, limit: allTokensPageSize })) : null;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">API tokens</h1>
        <p className="mt-1 max-w-3xl text-sm text-muted">
          A token lets another system use the Frontdesk API on your behalf: it acts as you, with your role,
          {isStaff(user) ? " and sees what you see on the desk" : " and sees only your tickets, as you do in the portal"}. Scopes narrow it further.
          Revoke a token as soon as nothing needs it.
        </p>
      </div>

      <AdminPanel id="new-token" title="Create a token">
        <CreateTokenForm allowedScopes={scopesAllowedFor(user.role)} nameMaxLength={apiTokenLimits.nameMaxLength} maxExpiryDays={apiTokenLimits.maxExpiryDays} />
      </AdminPanel>

      <AdminPanel
        id="your-tokens"
        title="Your tokens"
        description={`${activeCount} active, of at most ${apiTokenLimits.maxLiveTokens}. Newest first; the latest revoked and expired ones are kept here for reference.`}
      >
        {mine.length === 0 ? (
          <EmptyState title="No tokens yet">
            Create one above: name it after the system that will use it and tick only the scopes it needs. Then send it in the{" "}
            <code className="font-mono">Authorization: Bearer</code> header of requests to <code className="font-mono">/api/v1</code>.
          </EmptyState>
        ) : (
          <TokenTable tokens={mine} caption="Your tokens" />
        )}
      </AdminPanel>

      {all ? (
        <AdminPanel id="all-tokens" title="All tokens" description="Every person's tokens, newest first. Revoke any that should stop working.">
          {!all.ok ? (
            <RefusedQuery message={all.message} startOverHref="/settings/tokens" />
          ) : all.value.items.length === 0 && !cursor ? (
            <EmptyState title="Nobody has a token yet">Tokens that anyone creates, here or with npm run api:token, are listed here.</EmptyState>
          ) : (
            <>
              <TokenTable tokens={all.value.items} caption="All tokens" />
              <PageLinks
                firstHref={cursor ? ("/settings/tokens#all-tokens" as Route) : null}
                nextHref={all.value.nextCursor ? (`/settings/tokens?cursor=${all.value.nextCursor}#all-tokens` as Route) : null}
              />
            </>
          )}
        </AdminPanel>
      ) : null}
    </div>
  );
}
