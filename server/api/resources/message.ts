import "server-only";
import { z } from "zod";
import { messageKinds, userRoles } from "@/db/schema";

const timestamp = z.iso.datetime({ offset: true });

export const attachmentResource = z
  .object({
    id: z.uuid(),
    file_name: z.string(),
    content_type: z.string(),
    size: z.number().int().meta({ description: "Bytes." }),
  })
  .meta({ id: "Attachment" });

/** A message of a ticket's thread, as the REST API and webhooks show it. */
export const messageResource = z
  .object({
    id: z.uuid(),
    ticket_number: z.number().int(),
    kind: z.enum(messageKinds).meta({ description: "public: seen by the requester; internal: a note for staff; system: written by Frontdesk." }),
    body: z.string().meta({ description: "Markdown." }),
    author: z.object({ id: z.uuid(), name: z.string(), role: z.enum(userRoles) }).nullable(),
    created_at: timestamp,
    attachments: z.array(attachmentResource),
  })
  .meta({ id: "Message" });

export type MessageResource = z.infer<typeof messageResource>;

export function toAttachmentResource(file: { id: string; fileName: string; contentType: string; size: number }): z.infer<typeof attachmentResource> {
  return { id: file.id, file_name: file.fileName, content_type: file.contentType, size: file.size };
}

export function toMessageResource(
  ticketNumber: number,
  message: {
    id: string;
    kind: MessageResource["kind"];
    body: string;
    createdAt: Date;
    authorId: string | null;
    authorName: string | null;
    authorRole: MessageResource["author"] extends infer A ? (A extends { role: infer R } ? R | null : never) : never;
    attachments: { id: string; fileName: string; contentType: string; size: number }[];
  },
): MessageResource {
  return {
    id: message.id,
    ticket_number: ticketNumber,
    kind: message.kind,
    body: message.body,
    author: message.authorId && message.authorName && message.authorRole ? { id: message.authorId, name: message.authorName, role: message.authorRole } : null,
    created_at: message.createdAt.toISOString(),
    attachments: message.attachments.map(toAttachmentResource),
  };
}
