import type { Metadata } from "next";
import Link from "next/link";
import { TRPCError } from "@trpc/server";
import { getServerApi } from "@/server/caller";
import { INVALID_LINK_MESSAGE, type RatingLinkState } from "@/server/satisfaction/rating-links";
import { LinkRating } from "./link-rating";

// The token is a credential: keep it out of search engines and Referer headers.
export const metadata: Metadata = { title: "How did we do?", robots: { index: false, follow: false }, referrer: "no-referrer" };

const refusalTitles = {
  invalid: "This rating link does not work",
  disabled: "Ratings are turned off",
  unsolved: "This ticket is not solved",
  expired: "This ticket can no longer be rated",
  link_expired: "This rating link has expired",
} as const;

/**
 * Where the Good and Bad links of the solved email lead. Rendering it never
 * records anything (mail scanners fetch links); the form records the choice
 * in the link once the page has loaded in a browser.
 */
export default async function RatePage({ params, searchParams }: PageProps<"/rate/[token]">) {
  const { token } = await params;
  const { score } = await searchParams;
  const chosen = score === "good" || score === "bad" ? score : null;
  const link = await loadLink(token);

  if (!link.ok) {
    return (
      <div className="space-y-3">
        <h1 className="text-xl font-semibold">{refusalTitles[link.refusal.reason]}</h1>
        <p className="text-sm text-muted">{link.refusal.message}</p>
        {link.refusal.reason === "link_expired" && link.ticket ? (
          // The portal asks them to sign in first, then shows the rating widget on the ticket.
          <Link href={`/tickets/${link.ticket.number}`} className="inline-block text-sm font-medium text-accent hover:underline">
            Rate ticket #{link.ticket.number} in the portal
          </Link>
        ) : link.refusal.reason === "unsolved" && link.ticket ? (
          <Link href={`/tickets/${link.ticket.number}`} className="inline-block text-sm font-medium text-accent hover:underline">
            Follow ticket #{link.ticket.number}
          </Link>
        ) : (
          <Link href="/tickets/new" className="inline-block text-sm font-medium text-accent hover:underline">
            Still need help? Open a new request
          </Link>
        )}
      </div>
    );
  }
  const { ticket, rating } = link;
  return <LinkRating token={token} title={`How did we do on #${ticket.number} ‘${ticket.subject}’?`} chosen={chosen} current={rating} />;
}

/** The link's state; a token the input schema refuses outright is just an invalid link. */
async function loadLink(token: string): Promise<RatingLinkState> {
  try {
    return await (await getServerApi()).satisfaction.link({ token });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "BAD_REQUEST") return { ok: false, refusal: { reason: "invalid", message: INVALID_LINK_MESSAGE }, ticket: null };
    throw error;
  }
}
