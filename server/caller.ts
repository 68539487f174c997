import "server-only";
import { cache } from "react";
import { createRequestContext } from "./context";
import { appRouter } from "./routers/_app";
import { createCallerFactory } from "./trpc";

const createCaller = createCallerFactory(appRouter);

/** tRPC for server components: the same procedures, called in-process, once per request. */
export const getServerApi = cache(async () => createCaller(await createRequestContext()));
