import "server-only";
import type { ApiRoute } from "../route-definition";
import { attachmentRoutes } from "./attachments";
import { messageRoutes } from "./messages";
import { openApiRoutes } from "./openapi";
import { ticketRoutes } from "./tickets";

/** Every REST route, in the order the reference lists them. */
export const apiRoutes: ApiRoute[] = [...ticketRoutes, ...messageRoutes, ...attachmentRoutes, ...openApiRoutes];
