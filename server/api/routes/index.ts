import "server-only";
import type { ApiRoute } from "../route-definition";
import { attachmentRoutes } from "./attachments";
import { customFieldRoutes } from "./custom-fields";
import { directoryRoutes } from "./directory";
import { mailboxRoutes } from "./mailboxes";
import { messageRoutes } from "./messages";
import { openApiRoutes } from "./openapi";
import { organizationRoutes } from "./organizations";
import { reportRoutes } from "./reports";
import { ticketRoutes } from "./tickets";
import { userRoutes } from "./users";
import { webhookRoutes } from "./webhooks";

/** Every REST route, in the order the reference lists them. */
export const apiRoutes: ApiRoute[] = [
  ...ticketRoutes,
  ...messageRoutes,
  ...attachmentRoutes,
  ...userRoutes,
  ...organizationRoutes,
  ...directoryRoutes,
  ...customFieldRoutes,
  ...reportRoutes,
  ...webhookRoutes,
  ...mailboxRoutes,
  ...openApiRoutes,
];
