import type { DemoCategorySlug } from "./demo-conversations";

/** The cast of the demo: staff, teams, categories, organizations and customers. */
export const demoPassword = "frontdesk";
export const staffDomain = "frontdesk.example";

export const demoTeams = [
  { key: "support", name: "Customer Support", description: "First line: orders, shipping and general questions.", assignmentMode: "round_robin" },
  { key: "technical", name: "Technical Support", description: "Bugs, outages, integrations and SSO.", assignmentMode: "least_load" },
  { key: "billing", name: "Billing & Accounts", description: "Invoices, plans, payments and account access.", assignmentMode: "off" },
] as const;
export type DemoTeamKey = (typeof demoTeams)[number]["key"];

export const demoStaff: { name: string; email: string; role: "admin" | "manager" | "agent"; teams: DemoTeamKey[] }[] = [
  { name: "Jordan Lee", email: `admin@${staffDomain}`, role: "admin", teams: [] },
  { name: "Priya Natarajan", email: `manager@${staffDomain}`, role: "manager", teams: ["support", "technical", "billing"] },
  { name: "Alex Morgan", email: `alex@${staffDomain}`, role: "agent", teams: ["support"] },
  { name: "Sam Rivera", email: `sam@${staffDomain}`, role: "agent", teams: ["support", "technical"] },
  { name: "Kenji Watanabe", email: `kenji@${staffDomain}`, role: "agent", teams: ["technical"] },
  { name: "Fatima Zahra", email: `fatima@${staffDomain}`, role: "agent", teams: ["technical"] },
  { name: "Lukas Becker", email: `lukas@${staffDomain}`, role: "agent", teams: ["billing"] },
  { name: "Chloe Dubois", email: `chloe@${staffDomain}`, role: "agent", teams: ["billing", "support"] },
];

export const demoCategories: {
  slug: DemoCategorySlug;
  name: string;
  description: string;
  team: DemoTeamKey;
  priority: "low" | "normal";
  /** Share of incoming tickets. */
  weight: number;
  tags: string[];
}[] = [
  { slug: "technical", name: "Technical issue", description: "Something is broken or behaves unexpectedly.", team: "technical", priority: "normal", weight: 35, tags: ["bug", "outage", "integration", "mobile", "performance"] },
  { slug: "billing", name: "Billing", description: "Invoices, charges, refunds and payment methods.", team: "billing", priority: "normal", weight: 20, tags: ["invoice", "refund", "card", "plan-change"] },
  { slug: "account", name: "Account & access", description: "Sign-in, SSO, users, permissions and data.", team: "billing", priority: "normal", weight: 20, tags: ["sso", "password", "permissions", "gdpr"] },
  { slug: "orders", name: "Orders & shipping", description: "Lumen Hub orders, deliveries and returns.", team: "support", priority: "normal", weight: 15, tags: ["delivery", "return", "damaged", "hub"] },
  { slug: "feature-request", name: "Feature request", description: "Ideas and suggestions for Lumen.", team: "support", priority: "low", weight: 10, tags: ["roadmap", "api", "reporting"] },
];

export const demoOrganizations = [
  { name: "Northwind Traders", domain: "northwind.example", sharesTickets: true },
  { name: "Bluebird Logistics", domain: "bluebird.example", sharesTickets: false },
  { name: "Cedar & Pine Studio", domain: "cedarpine.example", sharesTickets: true },
  { name: "Helios Energy", domain: "helios.example", sharesTickets: false },
];

/** 25 customers; the organization is picked by index into demoOrganizations. */
export const demoCustomers: { name: string; organization: number }[] = [
  { name: "Dana Whitfield", organization: 0 },
  { name: "Marcus Oyelaran", organization: 0 },
  { name: "Ingrid Solberg", organization: 0 },
  { name: "Tomás Herrera", organization: 0 },
  { name: "Aisha Khan", organization: 0 },
  { name: "Ben Carter", organization: 0 },
  { name: "Yuki Tanaka", organization: 0 },
  { name: "Olivia Brooks", organization: 0 },
  { name: "Rafael Costa", organization: 1 },
  { name: "Hannah Schmidt", organization: 1 },
  { name: "Kwame Mensah", organization: 1 },
  { name: "Sofia Rossi", organization: 1 },
  { name: "Liam O'Connor", organization: 1 },
  { name: "Mei Lin", organization: 1 },
  { name: "Noah Fischer", organization: 1 },
  { name: "Elena Petrova", organization: 2 },
  { name: "Jamal Wright", organization: 2 },
  { name: "Clara Jensen", organization: 2 },
  { name: "Diego Alvarez", organization: 2 },
  { name: "Amara Nwosu", organization: 2 },
  { name: "Victor Lambert", organization: 3 },
  { name: "Grace Kim", organization: 3 },
  { name: "Omar Haddad", organization: 3 },
  { name: "Zoe Martin", organization: 3 },
  { name: "Felix Wagner", organization: 3 },
];

export function customerEmail(customer: { name: string; organization: number }): string {
  const local = customer.name
    .normalize("NFD")
    .replace(/[\u0300-\u036f']/g, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, ".");
  const organization = demoOrganizations[customer.organization];
  if (!organization) throw new Error(`Unknown demo organization ${customer.organization}`);
  return `${local}@${organization.domain}`;
}

/** Saved replies agents start with; placeholders are filled in per ticket. */
export const demoCannedResponses = [
  {
    title: "Thanks, looking into it",
    body: "Hi {{requester.first_name}},\n\nThanks for reaching out about ticket #{{ticket.number}}. I'm looking into it now and will update you here as soon as I know more.\n\n{{agent.name}}",
  },
  {
    title: "Need more details",
    body: "Hi {{requester.first_name}},\n\nTo dig into this I need a little more information:\n\n- the steps that lead to the problem\n- what you expected to happen\n- a screenshot, if you can\n\nThanks!\n{{agent.name}}",
  },
  {
    title: "Clear cache and retry",
    body: "Hi {{requester.first_name}},\n\nCould you try a hard refresh (Ctrl+Shift+R, or Cmd+Shift+R on a Mac) or a private window? Stale cached files cause this more often than you'd think. Let me know if it persists.\n\n{{agent.name}}",
  },
  {
    title: "Solved — reopen any time",
    body: "Hi {{requester.first_name}},\n\nI'm marking this ticket as solved. If anything else comes up, just reply here and it reopens automatically.\n\n{{agent.name}}",
  },
];
