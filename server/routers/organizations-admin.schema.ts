import "server-only";
import { z } from "zod";
import { organizationDomainJoins } from "@/db/schema";

/** Inputs of the organizations admin router. Messages are written for the page that shows them. */

const recordId = z.uuid("Reload the page and try again.");

export const setDomainJoinInput = z.object({
  organizationId: recordId,
  domainJoin: z.enum(organizationDomainJoins, "Choose how people at this domain join."),
});

export const pendingMemberInput = z.object({
  organizationId: recordId,
  userId: recordId,
  decision: z.enum(["approve", "decline"], "Choose approve or decline."),
});
