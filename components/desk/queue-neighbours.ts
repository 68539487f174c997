"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect } from "react";
import { deskReturnPath } from "@/lib/desk-return";
import { useTRPCClient } from "../trpc/client";
import { filtersOf, parseQueueParams, searchScopeOf, viewOf, type QueueParams } from "./queue-params";

/**
 * The tickets before and after this one in the queue the agent came from
 * (the `from` return path), for j / k and "Send and next". The queue's page
 * is read once and kept briefly, so a run of j presses costs one request;
 * at the end of a page the next page is read. A ticket no longer in the
 * queue (just solved) has the queue's first ticket as its next.
 */
export interface QueueNeighbours {
  previous: number | null;
  next: number | null;
}

const NEIGHBOURS_FRESH_MS = 15_000;
const PAGE_SIZE = 25;

/** The queue a return path shows, as the queue page reads it. */
export function queueParamsOf(from: string): QueueParams {
  const path = deskReturnPath(from);
  const search = new URLSearchParams(path.includes("?") ? path.slice(path.indexOf("?") + 1) : "");
  return parseQueueParams(Object.fromEntries(search.entries()));
}

/** Where `number` sits among `numbers` (one queue page, and the page after it if any). */
export function neighboursIn(number: number, numbers: number[]): QueueNeighbours {
  const at = numbers.indexOf(number);
  if (at === -1) return { previous: null, next: numbers[0] ?? null };
  return { previous: numbers[at - 1] ?? null, next: numbers[at + 1] ?? null };
}

export function useQueueNeighbours(number: number, from: string): () => Promise<QueueNeighbours> {
  const client = useTRPCClient();
  const queryClient = useQueryClient();

  const pageOf = useCallback(
    (cursor: string | undefined) => {
      const params = queueParamsOf(from);
      // As the queue page reads its URL (queue-params.ts): the view on screen, and where a search looks.
      const view = viewOf(params);
      const scope = params.q ? searchScopeOf(params) : view;
      const filters = filtersOf(params);
      return queryClient.fetchQuery({
        queryKey: ["queueNeighbours", from, cursor ?? null],
        staleTime: NEIGHBOURS_FRESH_MS,
        queryFn: async () => {
          const page =
            params.q && !scope
              ? await client.tickets.search.query({ query: params.q, cursor, limit: PAGE_SIZE })
              : await client.desk.queue.query({ view, filters, query: params.q, sort: params.sort, cursor, limit: PAGE_SIZE });
          return { numbers: page.items.map((ticket) => ticket.number), nextCursor: page.nextCursor };
        },
      });
    },
    [client, queryClient, from],
  );

  const find = useCallback(async (): Promise<QueueNeighbours> => {
    const page = await pageOf(queueParamsOf(from).cursor);
    const found = neighboursIn(number, page.numbers);
    const last = page.numbers.at(-1) === number;
    if (!last || !page.nextCursor) return found;
    const more = await pageOf(page.nextCursor);
    return { previous: found.previous, next: more.numbers.find((n) => n !== number) ?? null };
  }, [pageOf, from, number]);

  // Read ahead, so the first j or "Send and next" does not wait.
  useEffect(() => {
    find().catch(() => {
      // The keys try again when pressed, and say so if it still fails.
    });
  }, [find]);
  return find;
}
