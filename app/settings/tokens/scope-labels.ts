import type { ApiScope } from "@/lib/vocabularies";

/** What each scope lets a token do, in the words the settings page uses; the owner's role and record-level access still apply. */
export const scopeDescriptions: Record<ApiScope, string> = {
  "tickets:read": "Read the tickets you can see, with their messages",
  "tickets:write": "Open tickets, reply and add attachments (staff: also update and merge)",
  "users:read": "Read people, organizations, teams and categories",
  "users:write": "Create and change people and organizations",
  "reports:read": "Read the desk's reports",
  admin: "Manage webhooks and other admin settings",
};
