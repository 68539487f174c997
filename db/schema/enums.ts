import { pgEnum } from "drizzle-orm/pg-core";

// Closed vocabularies shared by the schema, the zod inputs and the UI.
export const userRoles = ["customer", "agent", "manager", "admin"] as const;
export const ticketStatuses = ["new", "open", "pending", "on_hold", "solved", "closed"] as const;
export const ticketPriorities = ["low", "normal", "high", "urgent"] as const;
export const ticketChannels = ["web", "email", "api"] as const;
export const messageKinds = ["public", "internal", "system"] as const;

/** Statuses that still need work from someone: the "open" side of the desk. */
export const unsolvedStatuses = ["new", "open", "pending", "on_hold"] as const satisfies readonly (typeof ticketStatuses)[number][];

export type UserRole = (typeof userRoles)[number];
export type TicketStatus = (typeof ticketStatuses)[number];
export type TicketPriority = (typeof ticketPriorities)[number];
export type TicketChannel = (typeof ticketChannels)[number];
export type MessageKind = (typeof messageKinds)[number];

export const userRole = pgEnum("user_role", userRoles);
export const ticketStatus = pgEnum("ticket_status", ticketStatuses);
export const ticketPriority = pgEnum("ticket_priority", ticketPriorities);
export const ticketChannel = pgEnum("ticket_channel", ticketChannels);
export const messageKind = pgEnum("message_kind", messageKinds);
