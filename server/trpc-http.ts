import "server-only";
import { fetchRequestHandler, type FetchCreateContextFnOptions } from "@trpc/server/adapters/fetch";
import { TRPC_MAX_BATCH_SIZE } from "@/lib/trpc-batch";
import { appRouter } from "./routers/_app";
import type { Context } from "./trpc";

/**
 * tRPC over HTTP (app/api/trpc): the router, the batch cap and the error log,
 * with the context passed in so tests can serve requests against their own database.
 */
export function handleTrpcRequest(request: Request, createContext: (options: FetchCreateContextFnOptions) => Promise<Context> | Context): Promise<Response> {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext,
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}
