import "server-only";
import { z } from "zod";

export const intakeArticleOpenedInput = z.object({
  visitId: z.uuid("This visit does not exist."),
  articleId: z.number().int().positive().max(2_147_483_647),
});
