import type { TicketDetail } from "@/server/tickets/ticket-detail";
import { formatBytes } from "./format-bytes";
import { PaperclipIcon } from "./paperclip-icon";
import { Markdown } from "./markdown";
import { ReplyDeliveryBadge } from "./outbox-status";
import { RelativeTime } from "./relative-time";

type ThreadMessage = TicketDetail["messages"][number];

const attachmentUrl = (id: string) => `/api/attachments/${id}`;

/** The message's own files by Content-ID, for the cid: images of an email (see Markdown). */
function inlineImagesOf(files: ThreadMessage["attachments"]): ReadonlyMap<string, string> {
  return new Map(files.flatMap((file) => (file.contentId ? [[file.contentId, attachmentUrl(file.id)] as const] : [])));
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((part) => part[0] ?? "")
    .join("")
    .slice(0, 2)
    .toUpperCase();
}

/** The conversation, oldest first. Internal notes only ever reach staff pages. */
export function TicketThread({ messages, requesterId }: { messages: ThreadMessage[]; requesterId: string }) {
  return (
    <ol className="space-y-4" aria-label="Conversation">
      {messages.map((message) => {
        const name = message.authorName ?? "Frontdesk";
        const fromRequester = message.authorId === requesterId;
        const note = message.kind === "internal";
        if (message.kind === "system") {
          return (
            <li key={message.id} className="text-center text-xs text-muted">
              {message.body} · <RelativeTime date={message.createdAt} />
            </li>
          );
        }
        return (
          <li key={message.id} className="flex gap-3" data-kind={message.kind}>
            <span
              aria-hidden="true"
              className={`flex h-9 w-9 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${fromRequester ? "bg-surface-muted text-fg" : "bg-accent-soft text-accent"}`}
            >
              {initials(name)}
            </span>
            <article
              className={`min-w-0 flex-1 rounded-lg border px-4 py-3 ${note ? "border-note-border bg-note" : "border-border bg-surface"}`}
              aria-label={note ? `Internal note by ${name}` : `Message from ${name}`}
            >
              <header className="mb-1.5 flex flex-wrap items-baseline gap-x-2 text-sm">
                <span className="font-semibold">{name}</span>
                {note ? <span className="text-xs font-medium text-warning">Internal note</span> : null}
                {!fromRequester && !note && message.authorRole !== "customer" ? <span className="text-xs text-muted">Support</span> : null}
                <span className="text-xs text-muted">
                  <RelativeTime date={message.createdAt} />
                </span>
                {message.delivery ? (
                  <span className="text-xs text-muted">
                    · <ReplyDeliveryBadge status={message.delivery} />
                  </span>
                ) : null}
              </header>
              <Markdown source={message.body} inlineImages={inlineImagesOf(message.attachments)} />
              {message.attachments.length ? (
                <ul className="mt-3 flex min-w-0 flex-wrap gap-2" aria-label="Attachments">
                  {message.attachments.map((file) => (
                    <li key={file.id} className="max-w-full">
                      <a
                        href={attachmentUrl(file.id)}
                        download
                        className="inline-flex max-w-full items-center gap-1.5 rounded-md border border-border bg-surface-muted px-2 py-1 text-xs hover:border-accent hover:text-accent"
                      >
                        <PaperclipIcon />
                        <span className="min-w-0 truncate">{file.fileName}</span>
                        <span className="text-muted">{formatBytes(file.size)}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
            </article>
          </li>
        );
      })}
    </ol>
  );
}
