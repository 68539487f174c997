import type { Db } from "@/db/types";
import { apiRoutes } from "@/server/api/routes";
import { uploadAttachment } from "@/server/attachments/upload";
import type { SessionUser } from "@/server/users/session-user";
import { callApi, tokenFor, type ApiAnswer } from "./api-client";
import { callExample, exampleFor, type ApiFixtures } from "./api-examples";
import { callerFor, createCategory, createOrganization, createUser } from "./factories";
import { nonsenseWord } from "./nonsense-word";

/**
 * Every door of the REST API through which a customer's token could see
 * what is not theirs: lists (plain, full-text search, incremental sync,
 * filtered by the owner), the ticket, its messages, its files, and a reply
 * to it; and, on their own ticket, the internal note and its file. Each
 * probe is first run by someone who may see the record (a positive
 * control), so an empty answer means the rule held, not that the probe missed.
 */

interface Target {
  name: string;
  owner: SessionUser;
  ticket: { id: string; number: number };
  /** Words only this ticket's content carries. */
  words: string[];
  attachmentIds: string[];
}

export interface LeakReport {
  leaks: string[];
  missedControls: string[];
}

const EPOCH = "2000-01-01T00:00:00Z";
const idsOf = (answer: ApiAnswer) => (Array.isArray(answer.json.data) ? (answer.json.data as { id: string }[]).map((ticket) => ticket.id) : []);
const textOf = (answer: ApiAnswer) => (typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body));

export async function leakProbes(db: Db, fixtures: ApiFixtures): Promise<LeakReport> {
  const leaks: string[] = [];
  const missedControls: string[] = [];
  const { category } = await createCategory(db);
  const unshared = await createOrganization(db, { sharesTickets: false });
  const carol = await createUser(db, { organizationId: unshared.id, name: "Carol" });
  const dave = await createUser(db, { organizationId: unshared.id, name: "Dave" });
  const bob = await createUser(db, { name: "Bob" });
  const carolsWord = nonsenseWord();
  const carolsFile = await uploadAttachment(db, carol, { name: "invoice.txt", bytes: new TextEncoder().encode(`invoice ${carolsWord}\n`) });
  const carolsTicket = await callerFor(db, carol).tickets.create({ subject: `Invoice ${carolsWord} is wrong`, body: "The invoice total is wrong this month.", categoryId: category.id, attachmentIds: [carolsFile.id] });

  const alice: Target = { name: "the requester's ticket", owner: fixtures.requester, ticket: fixtures.ticket, words: [fixtures.subjectWord, fixtures.noteSecret], attachmentIds: [fixtures.attachmentId, fixtures.noteAttachmentId] };
  const carols: Target = { name: "Carol's ticket (organization does not share)", owner: carol, ticket: carolsTicket, words: [carolsWord], attachmentIds: [carolsFile.id] };
  const tokens = new Map<string, string>();
  for (const person of [fixtures.requester, carol, dave, bob, fixtures.agent]) tokens.set(person.id, await tokenFor(db, person));
  const tokenOf = (person: SessionUser) => tokens.get(person.id) ?? null;

  /** Runs every probe of a target as a viewer; `mayRead` says which way a difference counts. */
  async function probe(viewer: SessionUser, viewerName: string, target: Target, mayRead: boolean) {
    const token = tokenOf(viewer);
    const record = (what: string, seen: boolean) => {
      if (seen && !mayRead) leaks.push(`${viewerName} sees ${target.name} through ${what}`);
      if (!seen && mayRead) missedControls.push(`${viewerName} does not see their own ${target.name} through ${what}`);
    };
    const lists = [`/tickets?limit=100`, `/tickets?q=${target.words[0]}&limit=100`, `/tickets?updated_since=${encodeURIComponent(EPOCH)}&limit=100`, `/tickets?requester_id=${target.owner.id}&limit=100`];
    if (target.owner.organizationId) lists.push(`/tickets?organization_id=${target.owner.organizationId}&limit=100`);
    for (const path of lists) {
      const answer = await callApi(db, "GET", path, { token });
      record(`GET ${path}`, idsOf(answer).includes(target.ticket.id));
      if (!mayRead) scan(viewerName, `GET ${path}`, answer, target.words);
    }
    const singles: [string, string, unknown][] = [
      ["GET", `/tickets/${target.ticket.number}`, undefined],
      ["GET", `/tickets/${target.ticket.number}/messages`, undefined],
      ...target.attachmentIds.map((id): [string, string, unknown] => ["GET", `/attachments/${id}`, undefined]),
      ["POST", `/tickets/${target.ticket.number}/messages`, { body: `A reply from ${viewerName} to this ticket.` }],
    ];
    for (const [method, path, body] of singles) {
      const answer = await callApi(db, method, path, { token, body });
      record(`${method} ${path} (${answer.status})`, answer.status !== 404);
      if (!mayRead) scan(viewerName, `${method} ${path}`, answer, target.words);
    }
  }

  function scan(viewerName: string, what: string, answer: ApiAnswer, words: string[]) {
    const text = textOf(answer);
    for (const word of words) if (text.includes(word)) leaks.push(`${viewerName} reads "${word}" in ${what}`);
  }

  await probe(fixtures.requester, "the requester", { ...alice, words: [fixtures.subjectWord], attachmentIds: [fixtures.attachmentId] }, true);
  await probe(carol, "Carol", carols, true);
  for (const [viewer, name] of [[bob, "Bob, another customer"], [dave, "Dave, Carol's colleague"]] as const) {
    await probe(viewer, name, alice, false);
    await probe(viewer, name, carols, false);
  }
  await probe(fixtures.requester, "the requester", carols, false);
  await probe(carol, "Carol", alice, false);

  // The requester's own ticket: the note, its file and its words stay with staff.
  const own = tokenOf(fixtures.requester);
  const number = fixtures.ticket.number;
  const notes = async (token: string | null) => (((await callApi(db, "GET", `/tickets/${number}/messages?limit=100`, { token })).json.data ?? []) as { kind: string; body: string }[]);
  if (!(await notes(tokenOf(fixtures.agent))).some((message) => message.kind === "internal" && message.body.includes(fixtures.noteSecret))) missedControls.push("staff do not see the internal note");
  const mine = await notes(own);
  if (mine.length === 0) missedControls.push("the requester sees no message of their own ticket");
  if (mine.some((message) => message.kind !== "public" || message.body.includes(fixtures.noteSecret))) leaks.push("the requester reads the internal note in GET messages");
  if ((await callApi(db, "GET", `/attachments/${fixtures.noteAttachmentId}`, { token: tokenOf(fixtures.agent) })).status !== 200) missedControls.push("staff cannot download the note's file");
  if ((await callApi(db, "GET", `/attachments/${fixtures.noteAttachmentId}`, { token: own })).status !== 404) leaks.push("the requester downloads the internal note's file");
  if (idsOf(await callApi(db, "GET", `/tickets?q=${fixtures.noteSecret}&limit=100`, { token: own })).includes(fixtures.ticket.id)) leaks.push("the requester finds their ticket by a word of the internal note");
  const reply = await callApi(db, "POST", `/tickets/${number}/messages`, { token: own, body: { body: "Any news on this? Thanks." } });
  if (reply.status !== 201) missedControls.push(`the requester cannot reply to their own ticket (${reply.status})`);
  scan("the requester", "the answer to POST messages", reply, [fixtures.noteSecret]);

  // Every GET route of the registry, with its example (which points at the requester's records), read by each customer.
  for (const route of apiRoutes.filter((candidate) => candidate.method === "GET" && candidate.scope !== null)) {
    for (const [viewer, name, words] of [
      [fixtures.requester, "the requester", [fixtures.noteSecret, carolsWord]],
      [bob, "Bob", [fixtures.subjectWord, fixtures.noteSecret, carolsWord]],
      [dave, "Dave", [fixtures.subjectWord, fixtures.noteSecret, carolsWord]],
    ] as const) {
      scan(name, `${route.method} ${route.path}`, await callExample(db, route, await exampleFor(route.operationId, fixtures), tokenOf(viewer)), [...words]);
    }
  }
  return { leaks, missedControls };
}
