/**
 * One tRPC HTTP request used to run any number of procedures (200 in one
 * batch were all answered). Batches over TRPC_MAX_BATCH_SIZE are now refused
 * whole with 400 and a message naming the limit, before any procedure runs;
 * the browser's batch link splits its batches at the same size.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { tickets } from "@/db/schema";
import { TRPC_MAX_BATCH_SIZE } from "@/lib/trpc-batch";
import { handleTrpcRequest } from "@/server/trpc-http";
import { createCategory, createUser, unique } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

type ErrorBody = { error: { json: { message: string; data: { code: string; httpStatus: number } } } };

describe("tRPC batch size cap", async () => {
  const { db } = await useTestDatabase();
  const { category } = await createCategory(db);

  function batchedCreates(count: number, subject: string) {
    const body = Object.fromEntries(Array.from({ length: count }, (_, i) => [i, { json: { subject: `${subject} ${i}`, body: "Long enough description.", categoryId: category.id } }]));
    return new Request(`http://localhost/api/trpc/${Array(count).fill("tickets.create").join(",")}?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  }

  it("refuses 200 mutations in one request with 400, running none of them", async () => {
    const customer = await createUser(db);
    const response = await handleTrpcRequest(batchedCreates(200, unique("Batch")), () => ({ db, user: customer, clientAddress: null }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.json.message).toBe(`One request may carry at most ${TRPC_MAX_BATCH_SIZE} calls. Send them in smaller batches.`);
    expect(body.error.json.data).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400 });
    expect(await db.select().from(tickets).where(eq(tickets.requesterId, customer.id))).toEqual([]);
  });

  it("refuses one call over the cap, by GET too, and answers a batch at the cap", async () => {
    const over = Array(TRPC_MAX_BATCH_SIZE + 1).fill("auth.me").join(",");
    const refused = await handleTrpcRequest(new Request(`http://localhost/api/trpc/${over}?batch=1&input={}`), () => ({ db, user: null }));
    expect(refused.status).toBe(400);

    const customer = await createUser(db);
    const atCap = await handleTrpcRequest(batchedCreates(TRPC_MAX_BATCH_SIZE, unique("Batch")), () => ({ db, user: customer, clientAddress: null }));
    expect(atCap.status).toBe(200);
    expect(await response(atCap)).toHaveLength(TRPC_MAX_BATCH_SIZE);
    expect(await db.select().from(tickets).where(eq(tickets.requesterId, customer.id))).toHaveLength(TRPC_MAX_BATCH_SIZE);
  });
});

async function response(res: Response): Promise<unknown[]> {
  return (await res.json()) as unknown[];
}
