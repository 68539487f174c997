import "server-only";
import { z } from "zod";
import { listCategoriesForAdmin } from "@/server/admin/categories";
import { listTeams } from "@/server/admin/teams";
import { listActiveCategories } from "@/server/categories/list-categories";
import { AppError } from "@/server/errors";
import { isStaff } from "@/server/users/session-user";
import { categoryResource, teamResource, toPublicCategoryResource, toStaffCategoryResource, toTeamResource } from "../resources/directory";
import { apiRoute } from "../route-definition";

/** Teams and categories: short lists (no paging), read to fill team_id and category_id. */
const tag = "Directory";

const categoriesQuery = z.object({
  include_archived: z.enum(["true", "false"]).optional().meta({ description: "Staff only: true lists archived categories too (after the active ones)." }),
});

export const directoryRoutes = [
  apiRoute({
    method: "GET",
    path: "/teams",
    operationId: "listTeams",
    summary: "List teams",
    description: "Every team, by name, with its members' ids.",
    tag,
    scope: "tickets:read",
    role: "agent",
    responses: { 200: { description: "Every team.", schema: z.object({ data: z.array(teamResource) }).meta({ id: "TeamList" }) } },
    handler: async ({ db }) => ({ status: 200, body: { data: (await listTeams(db)).map(toTeamResource) } }),
  }),
  apiRoute({
    method: "GET",
    path: "/categories",
    operationId: "listCategories",
    summary: "List categories",
    description: "The categories a new ticket can be filed under, in their display order. Staff also see each one's default team and priority.",
    tag,
    scope: "tickets:read",
    role: "customer",
    query: categoriesQuery,
    responses: { 200: { description: "The categories.", schema: z.object({ data: z.array(categoryResource) }).meta({ id: "CategoryList" }) } },
    handler: async ({ db, user, query }) => {
      const includeArchived = query.include_archived === "true";
      if (!isStaff(user)) {
        if (includeArchived) throw new AppError("INVALID", "Archived categories are for staff.", { fieldErrors: { include_archived: ["Archived categories are for staff."] } });
        return { status: 200, body: { data: (await listActiveCategories(db)).map(toPublicCategoryResource) } };
      }
      const categories = await listCategoriesForAdmin(db);
      return { status: 200, body: { data: categories.filter((category) => includeArchived || category.archivedAt === null).map(toStaffCategoryResource) } };
    },
  }),
];
