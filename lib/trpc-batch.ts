/**
 * How many procedure calls one tRPC HTTP request may carry. The browser's
 * batch link splits its batches at this size and the server refuses larger
 * ones, so a single request cannot make the server run hundreds of queries.
 */
export const TRPC_MAX_BATCH_SIZE = 20;
