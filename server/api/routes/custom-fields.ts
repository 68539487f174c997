import "server-only";
import { z } from "zod";
import { customFieldTargets } from "@/lib/custom-field-vocabulary";
import { listAllFieldDefinitions } from "@/server/custom-fields/field-definitions";
import { fieldsVisibleTo } from "@/server/custom-fields/field-visibility";
import { ticketFormLayouts } from "@/server/custom-fields/ticket-forms";
import { isStaff } from "@/server/users/session-user";
import { customFieldResource, toCustomFieldResource } from "../resources/custom-field";
import { apiRoute } from "../route-definition";

const tag = "Directory";

const listQuery = z.object({
  target: z.enum(customFieldTargets).optional().meta({ description: "Only the fields of tickets, users or organizations." }),
});

export const customFieldRoutes = [
  apiRoute({
    method: "GET",
    path: "/custom-fields",
    operationId: "listCustomFields",
    summary: "List custom fields",
    description:
      "The definitions behind the custom_fields of tickets: keys, types, options and rules, in display order. A customer's token lists only the active ticket fields customers may fill in (never an agent-only one), with their active options; staff see every field of every target.",
    tag,
    scope: "tickets:read",
    role: "customer",
    query: listQuery,
    responses: { 200: { description: "The fields.", schema: z.object({ data: z.array(customFieldResource) }).meta({ id: "CustomFieldList" }) } },
    handler: async ({ db, user, query }) => {
      const staff = isStaff(user);
      const fields = fieldsVisibleTo(user, await listAllFieldDefinitions(db)).filter(
        (field) => (!query.target || field.target === query.target) && (staff || (field.target === "ticket" && field.active)),
      );
      const layouts = await ticketFormLayouts(db);
      const formsOf = (id: number) => Object.entries(layouts).flatMap(([categoryId, fieldIds]) => (fieldIds.includes(id) ? [categoryId] : []));
      const data = fields.map((field) =>
        toCustomFieldResource(staff ? field : { ...field, options: field.options.filter((option) => option.active) }, field.target === "ticket" ? formsOf(field.id) : []),
      );
      return { status: 200, body: { data } };
    },
  }),
];
