import type { TicketDetail } from "@/server/tickets/ticket-detail";
import { RelativeTime } from "./relative-time";
import { priorityLabels, statusLabels } from "./ticket-badges";

type TimelineEvent = TicketDetail["timeline"][number];

function label(field: string, value: string | null): string {
  if (value === null) return "nobody";
  if (field === "status") return statusLabels[value as keyof typeof statusLabels] ?? value;
  if (field === "priority") return priorityLabels[value as keyof typeof priorityLabels] ?? value;
  return value;
}

function describe(event: TimelineEvent): string {
  switch (event.field) {
    case "created":
      return "opened the ticket";
    case "first_response":
      return "sent the first response";
    case "assignee":
      if (!event.toValue) return "unassigned it";
      return event.toValue === event.actorName ? "took the ticket" : `assigned it to ${event.toValue}`;
    case "merged_into":
      return `merged it into #${event.toValue}`;
    case "merged_from":
      return `merged #${event.toValue} into it`;
    case "merge_undone":
      return `undid the merge into #${event.fromValue}`;
    case "unmerged":
      return `undid the merge of #${event.fromValue} into it`;
    case "follow_up":
      return `replied after it closed, opening follow-up #${event.toValue}`;
    case "sla_policy":
      return `applied the SLA policy “${event.toValue}”`;
    case "sla_paused":
      return "paused the SLA clock";
    case "sla_resumed":
      return "resumed the SLA clock";
    case "sla_breached":
      return `marked the ${event.toValue === "first_response" ? "first response" : "resolution"} overdue`;
    case "follow_up_of":
      return `opened it as a follow-up to #${event.toValue}`;
    case "automation":
      return "skipped an automation action";
    case "cc":
      return describeCcChange(event.fromValue, event.toValue);
    case "satisfaction":
      return `rated the support ${event.toValue === "bad" ? "bad" : "good"}`;
    default: {
      // Custom fields are logged as cf:<key> (server/custom-fields): the timeline names them by key.
      const field = event.field.replace(/^cf:/, "").replaceAll("_", " ");
      if (event.field.startsWith("cf:") && event.toValue === null) return `cleared ${field}`;
      const to = label(event.field, event.toValue);
      return event.fromValue ? `changed ${field} from ${label(event.field, event.fromValue)} to ${to}` : `set ${field} to ${to}`;
    }
  }
}

/** A "cc" event keeps the list before and after ("a@x, b@y", as tags are kept): the timeline says who came and went. */
function describeCcChange(from: string | null, to: string | null): string {
  const list = (value: string | null) => (value ? value.split(", ") : []);
  const before = list(from);
  const after = list(to);
  const added = after.filter((email) => !before.includes(email));
  const removed = before.filter((email) => !after.includes(email));
  const parts = [added.length ? `added CC ${added.join(", ")}` : null, removed.length ? `removed CC ${removed.join(", ")}` : null].filter(Boolean);
  return parts.join(" and ") || "changed the CCs";
}

/** Every change to the ticket, as recorded in ticket_events. */
export function TicketTimeline({ events }: { events: TimelineEvent[] }) {
  if (events.length === 0) return <p className="text-sm text-muted">No changes recorded yet.</p>;
  return (
    <ol className="space-y-2 text-xs">
      {events.map((event) => (
        <li key={event.id} className="flex gap-2">
          <span aria-hidden="true" className="mt-1.5 h-1.5 w-1.5 shrink-0 rounded-full bg-border-strong" />
          <span>
            <span className="font-medium">{event.actorName ?? "Frontdesk"}</span> {describe(event)}
            {event.detail ? <span className="text-muted"> ({event.detail})</span> : null}
            <span className="block text-muted">
              <RelativeTime date={event.createdAt} />
            </span>
          </span>
        </li>
      ))}
    </ol>
  );
}
