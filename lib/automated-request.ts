/**
 * Whether a request for a help-center page was made by software rather than
 * a person reading it: a prefetch (Next.js router, <link rel=prefetch>,
 * Chrome's speculation rules) or a crawler, link previewer or script. Such
 * requests render the page but do not count as views.
 */
const automatedAgents = /bot\b|bot\/|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|lighthouse|curl\/|wget\/|python-requests|httpclient|go-http-client|node-fetch|axios\//i;

export function isAutomatedRequest(headers: Pick<Headers, "get">): boolean {
  if (headers.get("next-router-prefetch") || headers.get("next-router-segment-prefetch")) return true;
  const purpose = [headers.get("sec-purpose"), headers.get("purpose"), headers.get("x-purpose"), headers.get("x-moz")].join(" ").toLowerCase();
  if (purpose.includes("prefetch") || purpose.includes("prerender") || purpose.includes("preview")) return true;
  const agent = headers.get("user-agent") ?? "";
  return agent === "" || automatedAgents.test(agent);
}
