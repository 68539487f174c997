import "server-only";
import { eq } from "drizzle-orm";
import { tickets } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { AppError } from "@/server/errors";
import type { SessionUser } from "@/server/users/session-user";
import { mergeRefusal } from "./merge-tickets";
import { findVisibleTicket } from "./ticket-detail";

/**
 * What the merge dialog shows before anything is merged: the target as the
 * agent may see it, and whether the two tickets share a requester (when they
 * do not, the duplicate's public messages arrive in the target as internal
 * notes, and the dialog says so). Refuses with the merge's own rule
 * (mergeRefusal), so a target the preview accepts is one the merge accepts.
 */
export async function mergeTargetPreview(db: DbOrTx, actor: SessionUser, input: { sourceNumber: number; targetNumber: number }) {
  const source = await findVisibleTicket(db, actor, eq(tickets.number, input.sourceNumber));
  if (!source) throw new AppError("NOT_FOUND", `Ticket #${input.sourceNumber} does not exist or is not yours to see.`);
  if (input.sourceNumber === input.targetNumber) throw new AppError("INVALID", "A ticket cannot be merged into itself.");
  const target = await findVisibleTicket(db, actor, eq(tickets.number, input.targetNumber));
  if (!target) throw new AppError("NOT_FOUND", `Ticket #${input.targetNumber} does not exist or is not yours to see.`);
  const refusal = mergeRefusal(source, target);
  if (refusal) throw new AppError("INVALID", refusal);
  return {
    source: { number: source.number, requesterName: source.requesterName, requesterEmail: source.requesterEmail },
    target: {
      number: target.number,
      subject: target.subject,
      status: target.status,
      requesterName: target.requesterName,
      requesterEmail: target.requesterEmail,
      updatedAt: target.updatedAt,
    },
    sameRequester: source.requesterId === target.requesterId,
  };
}

export type MergeTargetPreview = Awaited<ReturnType<typeof mergeTargetPreview>>;
