import "server-only";
import { TRPCError } from "@trpc/server";
import { getServerApi } from "@/server/caller";

/**
 * A ticket page's data through tRPC, or null when the number is malformed,
 * missing or not the viewer's to see (all three are a plain 404).
 */
export async function loadTicketPage(numberParam: string) {
  const number = Number(numberParam);
  if (!Number.isInteger(number) || number <= 0) return null;
  try {
    return await (await getServerApi()).tickets.get({ number });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) return null;
    throw error;
  }
}
