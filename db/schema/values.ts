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

/** Statuses that still need work from someone: the "open" side of the desk. */
export const unsolvedStatuses = ["new", "open", "pending", "on_hold"] as const satisfies readonly (typeof ticketStatuses)[number][];

export type UserRole = (typeof userRoles)[number];
export type TicketStatus = (typeof ticketStatuses)[number];
export type TicketPriority = (typeof ticketPriorities)[number];
export type TicketChannel = (typeof ticketChannels)[number];
export type MessageKind = (typeof messageKinds)[number];

/** Desk views and list orders (the server's queries and the UI's links agree on these). */
export const deskViews = ["mine", "unassigned", "open", "pending", "on_hold", "solved", "team"] as const;
export type DeskView = (typeof deskViews)[number];
export const ticketSorts = ["updated_desc", "updated_asc", "created_desc", "created_asc", "priority_desc"] as const;
export type TicketSort = (typeof ticketSorts)[number];

export const assignmentModes = ["off", "round_robin", "least_load"] as const;
export type AssignmentMode = (typeof assignmentModes)[number];
