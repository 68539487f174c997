import type { ReactNode } from "react";
import { RelativeTime } from "@/components/relative-time";
import type { ApiTokenStatus, ApiTokenSummary, ApiTokenWithOwner } from "@/server/api-tokens/manage-tokens";
import { RevokeTokenButton } from "./revoke-token-button";

const header = "px-3 py-2 font-medium";
const wide = "hidden md:table-cell";

const statusStyles: Record<ApiTokenStatus, { label: string; className: string }> = {
  active: { label: "Active", className: "bg-success-soft text-success" },
  expired: { label: "Expired", className: "bg-warning-soft text-warning" },
  revoked: { label: "Revoked", className: "bg-danger-soft text-danger" },
};

function Badge({ className, children }: { className: string; children: ReactNode }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${className}`}>{children}</span>;
}

function Expires({ token }: { token: ApiTokenSummary }) {
  if (!token.expiresAt) return <>Never</>;
  return <RelativeTime date={token.expiresAt} />;
}

function LastUsed({ token }: { token: ApiTokenSummary }) {
  if (!token.lastUsedAt) return <span className="whitespace-nowrap">Never used</span>;
  return (
    <>
      <RelativeTime date={token.lastUsedAt} />
      {token.lastUsedAddress ? <span className="block text-xs wrap-anywhere">from {token.lastUsedAddress}</span> : null}
    </>
  );
}

function Scopes({ scopes }: { scopes: string[] }) {
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Scopes">
      {scopes.map((scope) => (
        <li key={scope}>
          <code className="rounded bg-surface-muted px-1.5 py-0.5 font-mono text-xs">{scope}</code>
        </li>
      ))}
    </ul>
  );
}

function hasOwner(token: ApiTokenSummary | ApiTokenWithOwner): token is ApiTokenWithOwner {
  return "owner" in token;
}

function Owner({ owner }: { owner: ApiTokenWithOwner["owner"] }) {
  return (
    <>
      <span className="block font-medium">{owner.name}</span>
      <span className="block text-xs wrap-anywhere text-muted">{owner.email}</span>
      <span className="block text-xs text-muted capitalize">{owner.role}</span>
      {owner.disabled ? <Badge className="mt-1 bg-danger-soft text-danger">Account disabled</Badge> : null}
    </>
  );
}

/**
 * A list of tokens: yours, or everyone's with an owner column. On narrow
 * screens the dates, scopes and owner fold into the token's own cell, so the
 * table stays two columns wide and nothing is lost.
 */
export function TokenTable({ tokens, caption }: { tokens: (ApiTokenSummary | ApiTokenWithOwner)[]; caption: string }) {
  const showOwner = tokens.some(hasOwner);
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-border bg-surface-muted text-left text-xs text-muted uppercase">
          <tr>
            <th scope="col" className={header}>
              Token
            </th>
            {showOwner ? (
              <th scope="col" className={`${header} hidden sm:table-cell`}>
                Owner
              </th>
            ) : null}
            <th scope="col" className={`${header} ${wide}`}>
              Scopes
            </th>
            <th scope="col" className={`${header} ${wide}`}>
              Created
            </th>
            <th scope="col" className={`${header} ${wide}`}>
              Expires
            </th>
            <th scope="col" className={`${header} ${wide}`}>
              Last used
            </th>
            <th scope="col" className={header}>
              Status
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {tokens.map((token) => {
            const status = statusStyles[token.status];
            return (
              <tr key={token.id} className="align-top">
                <th scope="row" className="px-3 py-2.5 text-left font-normal">
                  <span className="block font-medium break-words">{token.name}</span>
                  <code className="block font-mono text-xs text-muted">{token.prefix}…</code>
                  {hasOwner(token) ? (
                    <div className="mt-1.5 sm:hidden">
                      <Owner owner={token.owner} />
                    </div>
                  ) : null}
                  <div className="mt-1.5 space-y-1 text-xs text-muted md:hidden">
                    <Scopes scopes={token.scopes} />
                    <p>
                      Created <RelativeTime date={token.createdAt} /> ·{" "}
                      {token.expiresAt ? (
                        <>
                          expires <RelativeTime date={token.expiresAt} />
                        </>
                      ) : (
                        "no expiry"
                      )}
                    </p>
                    <p className="wrap-anywhere">
                      {token.lastUsedAt ? (
                        <>
                          Last used <RelativeTime date={token.lastUsedAt} />
                          {token.lastUsedAddress ? ` from ${token.lastUsedAddress}` : null}
                        </>
                      ) : (
                        "Never used"
                      )}
                    </p>
                  </div>
                </th>
                {hasOwner(token) ? (
                  <td className="hidden px-3 py-2.5 sm:table-cell">
                    <Owner owner={token.owner} />
                  </td>
                ) : showOwner ? (
                  <td className="hidden sm:table-cell" />
                ) : null}
                <td className={`px-3 py-2.5 ${wide}`}>
                  <Scopes scopes={token.scopes} />
                </td>
                <td className={`px-3 py-2.5 whitespace-nowrap text-muted ${wide}`}>
                  <RelativeTime date={token.createdAt} />
                </td>
                <td className={`px-3 py-2.5 whitespace-nowrap text-muted ${wide}`}>
                  <Expires token={token} />
                </td>
                <td className={`px-3 py-2.5 text-muted ${wide}`}>
                  <LastUsed token={token} />
                </td>
                <td className="px-3 py-2.5">
                  <div className="flex flex-col items-start gap-2 lg:flex-row lg:items-center lg:justify-between">
                    <Badge className={status.className}>{status.label}</Badge>
                    {token.status === "active" ? <RevokeTokenButton tokenId={token.id} name={token.name} /> : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
