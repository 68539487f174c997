import "server-only";
import { router } from "@/server/trpc";
import { adminRouter } from "./admin";
import { apiTokensRouter } from "./api-tokens";
import { authRouter } from "./auth";
import { categoriesRouter } from "./categories";
import { deskRouter } from "./desk";
import { knowledgeRouter } from "./knowledge";
import { portalRouter } from "./portal";
import { reportsRouter } from "./reports";
import { satisfactionRouter } from "./satisfaction";
import { ticketsRouter } from "./tickets";

export const appRouter = router({
  auth: authRouter,
  categories: categoriesRouter,
  tickets: ticketsRouter,
  desk: deskRouter,
  reports: reportsRouter,
  admin: adminRouter,
  satisfaction: satisfactionRouter,
  apiTokens: apiTokensRouter,
  knowledge: knowledgeRouter,
  portal: portalRouter,
});

export type AppRouter = typeof appRouter;
