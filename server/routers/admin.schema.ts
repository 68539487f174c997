import "server-only";
import { z } from "zod";
import { assignmentModes, ccPolicies, outboxStatuses, ticketPriorities, userRoles } from "@/db/schema";
import { cannedPlaceholders, unknownPlaceholders } from "@/lib/canned-placeholders";
import { directoryKinds } from "@/server/admin/user-directory";
import { staffRoles } from "@/server/users/session-user";
import { customValuesInput } from "./custom-fields.schema";

/** Inputs of the admin router. Messages are written for the form that shows them. */

const recordId = z.uuid("Reload the page and try again.");
const wholeNumber = (what: string, min: number, max: number) =>
  z
    .number({ error: `Enter ${what} as a whole number.` })
    .int(`Enter ${what} as a whole number.`)
    .min(min, `Use at least ${min}.`)
    .max(max, `Use at most ${max}.`);

// Users

export const listUsersInput = z.object({
  kind: z.enum(directoryKinds).default("staff"),
  query: z.string().trim().max(120, "Keep the search under 120 characters.").optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});

export const createStaffInput = z.object({
  name: z.string().trim().min(1, "Enter their name.").max(120, "Keep the name under 120 characters."),
  email: z.string().trim().pipe(z.email("Enter a valid email address.").max(254, "Enter a valid email address.")),
  role: z.enum(staffRoles, "Choose agent, manager or admin."),
  password: z.string().min(8, "Use at least 8 characters.").max(200, "Use at most 200 characters."),
});

export const setUserRoleInput = z.object({ userId: recordId, role: z.enum(userRoles, "Choose a role.") });
export const setUserDisabledInput = z.object({ userId: recordId, disabled: z.boolean() });
export const userFieldsInput = z.object({ userId: recordId });
/** A person's custom field values by key (null clears one), checked by the one validation of custom values. */
export const setUserFieldsInput = z.object({ userId: recordId, customFields: customValuesInput });

// Teams

const teamFields = {
  name: z.string().trim().min(1, "Name the team.").max(80, "Keep team names under 80 characters."),
  description: z.string().trim().max(500, "Keep the description under 500 characters.").default(""),
};
export const createTeamInput = z.object(teamFields);
export const updateTeamInput = z.object({ id: recordId, ...teamFields });
export const teamMemberInput = z.object({ teamId: recordId, userId: z.uuid("Choose a person.") });
export const teamAssignmentInput = z.object({ id: recordId, mode: z.enum(assignmentModes) });

// Categories

const categoryFields = {
  name: z.string().trim().min(1, "Name the category.").max(80, "Keep category names under 80 characters."),
  description: z.string().trim().max(500, "Keep the description under 500 characters.").default(""),
  defaultTeamId: z.uuid("Choose a team.").nullable().default(null),
  defaultPriority: z.enum(ticketPriorities, "Choose a priority.").default("normal"),
};
// No position: a new category goes last, and the order changes only by moving one up or down.
export const createCategoryInput = z.object(categoryFields);
export const updateCategoryInput = z.object({ id: recordId, ...categoryFields });
export const setCategoryArchivedInput = z.object({ id: recordId, archived: z.boolean() });
export const moveCategoryInput = z.object({ id: recordId, direction: z.enum(["up", "down"]) });

// Canned responses

const knownTokens = cannedPlaceholders.map((p) => p.token).join(", ");
const cannedFields = {
  title: z.string().trim().min(1, "Give the response a title.").max(120, "Keep the title under 120 characters."),
  body: z
    .string()
    .max(10_000, "Keep the response under 10,000 characters.")
    .refine((body) => body.trim().length > 0, "Write the response text.")
    .superRefine((body, ctx) => {
      // A typo would reach the customer verbatim: refuse it while the admin is here to fix it.
      const unknown = unknownPlaceholders(body);
      if (unknown.length > 0) {
        ctx.addIssue({ code: "custom", message: `Unknown placeholder ${unknown.join(", ")}. Use ${knownTokens}.` });
      }
    }),
};
export const listCannedResponsesInput = z
  .object({ query: z.string().trim().max(120, "Keep the search under 120 characters.").optional() })
  .default({});
export const createCannedResponseInput = z.object(cannedFields);
export const updateCannedResponseInput = z.object({ id: recordId, ...cannedFields });
export const cannedResponseIdInput = z.object({ id: recordId });

// Settings

export const updateSettingsInput = z.object({
  attachmentMaxMb: wholeNumber("the size", 1, 100),
  attachmentMaxCount: wholeNumber("the count", 1, 20),
  autoCloseDays: wholeNumber("the days", 1, 365),
  satisfactionSurveys: z.boolean(),
  satisfactionLinkDays: wholeNumber("the days", 1, 365),
  reopenOnBadRating: z.boolean(),
  assignOnFirstReply: z.boolean(),
  ccPolicy: z.enum(ccPolicies, "Choose who becomes a CC."),
  blockedExtensions: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .transform((extension) => extension.replace(/^\.+/, ""))
        .pipe(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,19}$/, "List extensions such as exe or .bat, separated by commas.")),
    )
    .max(100, "List at most 100 extensions."),
});

export const listMailboxInput = z.object({
  status: z.enum(outboxStatuses).optional(),
  cursor: z.string().max(300).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export const mailboxEmailInput = z.object({ id: z.uuid() });
