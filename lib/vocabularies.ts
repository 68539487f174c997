/**
 * Closed vocabularies shared by the schema, the zod inputs and the UI. Plain
 * constants with no imports, so client components can use them without
 * pulling the ORM into the browser bundle.
 */
export const userRoles = ["customer", "agent", "manager", "admin"] as const;
export const ticketStatuses = ["new", "open", "pending", "on_hold", "solved", "closed"] as const;
export const ticketPriorities = ["low", "normal", "high", "urgent"] as const;
export const ticketChannels = ["web", "email", "api"] as const;
export const messageKinds = ["public", "internal", "system"] as const;
/**
 * How a person whose email domain matches an organization's comes to belong
 * to it: once they prove the address (an emailed link), once an admin
 * approves, or never by domain.
 */
export const organizationDomainJoins = ["verified_email", "admin_approval", "off"] as const;

/** Statuses that still need work from someone: the "open" side of the desk. */
export const unsolvedStatuses = ["new", "open", "pending", "on_hold"] as const satisfies readonly (typeof ticketStatuses)[number][];

export type UserRole = (typeof userRoles)[number];
export type TicketStatus = (typeof ticketStatuses)[number];
export type TicketPriority = (typeof ticketPriorities)[number];
export type TicketChannel = (typeof ticketChannels)[number];
export type MessageKind = (typeof messageKinds)[number];
export type OrganizationDomainJoin = (typeof organizationDomainJoins)[number];

/** Desk views and list orders (the server's queries and the UI's links agree on these). */
export const deskViews = ["mine", "unassigned", "open", "sla_at_risk", "pending", "on_hold", "solved", "team"] as const;
export type DeskView = (typeof deskViews)[number];
export const ticketSorts = ["updated_desc", "updated_asc", "created_desc", "created_asc", "priority_desc", "due_asc"] as const;
export type TicketSort = (typeof ticketSorts)[number];
/** Unassigned is worked oldest first and SLA at risk soonest due first; the others show recent activity first. */
export const defaultSortOf = (view: DeskView): TicketSort => (view === "unassigned" ? "created_asc" : view === "sla_at_risk" ? "due_asc" : "updated_desc");

export const assignmentModes = ["off", "round_robin", "least_load"] as const;
export type AssignmentMode = (typeof assignmentModes)[number];

/** SLA targets a ticket can be measured against. */
export const slaMetrics = ["first_response", "resolution"] as const;
export type SlaMetric = (typeof slaMetrics)[number];

/**
 * Automation rules: what a condition can look at, how it compares, and what
 * an action can do. Condition values are ids (category, organization),
 * enum values (channel, priority), an email or "@domain" (requester),
 * words separated by commas (subject, body), or a ticket custom field's value
 * as text (custom_field, with the field's key beside it).
 */
export const automationConditionFields = ["channel", "subject", "body", "requester", "organization", "category", "priority", "custom_field"] as const;
export type AutomationConditionField = (typeof automationConditionFields)[number];
export const automationOperators = ["is", "is_not", "contains_any", "contains_none", "contains", "is_empty", "is_not_empty"] as const;
export type AutomationOperator = (typeof automationOperators)[number];
export const automationActionTypes = ["set_category", "set_priority", "set_team", "add_tags", "set_assignee", "add_internal_note", "set_custom_field"] as const;
export type AutomationActionType = (typeof automationActionTypes)[number];
export interface AutomationCondition {
  field: AutomationConditionField;
  operator: AutomationOperator;
  value: string;
  /** The ticket field's key, for custom_field only (keys are fixed once a field exists). */
  fieldKey?: string;
}
export interface AutomationAction {
  type: AutomationActionType;
  value: string;
  /** The ticket field's key, for set_custom_field only. */
  fieldKey?: string;
}

/** A requester's answer to "How did we do?". */
export const satisfactionScores = ["good", "bad"] as const;
export type SatisfactionScore = (typeof satisfactionScores)[number];

/**
 * What an API token may do. A token also acts with its owner's role and
 * record-level scope: a scope narrows what the owner may do, never widens it.
 */
export const apiScopes = ["tickets:read", "tickets:write", "users:read", "users:write", "reports:read", "admin"] as const;
export type ApiScope = (typeof apiScopes)[number];

/** What a webhook endpoint can subscribe to. */
export const webhookEventTypes = ["ticket.created", "ticket.updated", "ticket.merged", "ticket.solved", "message.created", "satisfaction.rated"] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];
/** pending → delivering → succeeded, or back to pending with a later attempt, or failed after about a day of retries. */
export const webhookDeliveryStatuses = ["pending", "delivering", "succeeded", "failed"] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

/** How a mailbox receives mail: over IMAP from the team's own mail server, or pushed to us (Resend's inbound webhook, the raw-MIME endpoint). */
export const mailboxInboundTransports = ["imap", "push"] as const;
export type MailboxInboundTransport = (typeof mailboxInboundTransports)[number];
/** How a mailbox sends mail: through its own SMTP server, or through the app's Resend account (or kept locally when none is set). */
export const mailboxOutboundTransports = ["smtp", "resend"] as const;
export type MailboxOutboundTransport = (typeof mailboxOutboundTransports)[number];
/** Implicit TLS (IMAPS 993, SMTPS 465), STARTTLS upgrade (143, 587), or plain (loopback test servers only). */
export const mailConnectionSecurities = ["tls", "starttls", "none"] as const;
export type MailConnectionSecurity = (typeof mailConnectionSecurities)[number];
export const mailAuthMethods = ["password", "oauth2"] as const;
export type MailAuthMethod = (typeof mailAuthMethods)[number];
/** What happens to an IMAP message once it is a ticket or reply: marked read, moved to a folder, or deleted. */
export const imapProcessedActions = ["mark_seen", "move", "delete"] as const;
export type ImapProcessedAction = (typeof imapProcessedActions)[number];
/** Which addresses copied on an inbound email become CCs of its ticket. */
export const ccPolicies = ["off", "organization", "anyone"] as const;
export type CcPolicy = (typeof ccPolicies)[number];
