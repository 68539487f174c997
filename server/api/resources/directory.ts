import "server-only";
import { z } from "zod";
import { assignmentModes, ticketPriorities } from "@/db/schema";

/** Teams and categories: the ids a ticket's team_id and category_id name. */
export const teamResource = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    assignment_mode: z.enum(assignmentModes).meta({ description: "How the team's new tickets get an owner: off, round-robin, or the least open load." }),
    member_ids: z.array(z.uuid()).meta({ description: "The staff on the team (see GET /users/{id})." }),
  })
  .meta({ id: "Team" });

export function toTeamResource(team: { id: string; name: string; description: string; assignmentMode: z.infer<typeof teamResource>["assignment_mode"]; members: { id: string }[] }): z.infer<typeof teamResource> {
  return { id: team.id, name: team.name, description: team.description, assignment_mode: team.assignmentMode, member_ids: team.members.map((member) => member.id) };
}

export const categoryResource = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    default_team_id: z.uuid().nullable().optional().meta({ description: "Staff only: the team new tickets in this category go to." }),
    default_priority: z.enum(ticketPriorities).optional().meta({ description: "Staff only: the priority new tickets in this category start with." }),
    archived: z.boolean().optional().meta({ description: "Staff only: archived categories take no new tickets; their tickets keep them." }),
  })
  .meta({ id: "Category" });

type CategoryResource = z.infer<typeof categoryResource>;

/** What a customer sees of a category: enough to choose one. */
export function toPublicCategoryResource(category: { id: string; name: string; description: string }): CategoryResource {
  return { id: category.id, name: category.name, description: category.description };
}

export function toStaffCategoryResource(category: {
  id: string;
  name: string;
  description: string;
  defaultTeamId: string | null;
  defaultPriority: NonNullable<CategoryResource["default_priority"]>;
  archivedAt: Date | null;
}): CategoryResource {
  return {
    ...toPublicCategoryResource(category),
    default_team_id: category.defaultTeamId,
    default_priority: category.defaultPriority,
    archived: category.archivedAt !== null,
  };
}
