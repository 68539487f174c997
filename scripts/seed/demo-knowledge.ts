import { articleCategories, articleRevisions, articles, articleSections } from "@/db/schema";
import type { Db } from "@/db/types";
import { slugOf } from "@/lib/article-slug";
import type { ArticleState, ArticleVisibility } from "@/lib/knowledge-vocabulary";

/**
 * The demo help center: about 40 articles about Lumen (the demo's product)
 * in the demo's ticket categories, mostly public, some for agents only
 * (internal runbooks), one for signed-in customers, and a couple of drafts.
 */

interface DemoArticle {
  title: string;
  body: string;
  visibility?: ArticleVisibility;
  state?: ArticleState;
}

interface DemoSection {
  name: string;
  description: string;
  articles: DemoArticle[];
}

const steps = (intro: string, list: string[], outro = "Still stuck? Open a ticket from the portal and tell us what you tried.") =>
  `${intro}\n\n${list.map((item, index) => `${index + 1}. ${item}`).join("\n")}\n\n${outro}`;

const demoKnowledge: { name: string; description: string; sections: DemoSection[] }[] = [
  {
    name: "Technical issue",
    description: "Fix problems with the Lumen app, the Lumen Hub and integrations.",
    sections: [
      {
        name: "Troubleshooting",
        description: "When something does not work as expected.",
        articles: [
          { title: "The Lumen app is slow to load", body: steps("Most slow loads come from the browser cache or a busy network.", ["Reload with **Ctrl+Shift+R** (Cmd+Shift+R on a Mac).", "Check our status page for incidents.", "Try a private window: if it is fast there, clear the cache and disable extensions one at a time."]) },
          { title: "Lumen Hub shows a blinking red light", body: steps("A blinking red light means the Hub lost its connection to your network.", ["Unplug the Hub for ten seconds and plug it back in.", "Make sure your router is on the 2.4 GHz band; the Hub does not use 5 GHz.", "Hold the reset button for five seconds to pair it again from the app."]) },
          { title: "Sync stopped between devices", body: steps("When changes on one device do not appear on another:", ["Check that both devices are signed in to the same workspace.", "Open **Settings → Sync** and press **Sync now**.", "If the last sync time does not change, sign out and back in."]) },
          { title: "Error 502 when opening a report", body: "A 502 error means a report took longer than our gateway allows. Narrow the date range or filter to one team, then try again. Reports over a year of data are best exported as CSV from **Reports → Export**." },
          { title: "Notifications do not arrive on my phone", body: steps("Push notifications need permission on the phone and in Lumen.", ["On iOS: **Settings → Notifications → Lumen → Allow**.", "On Android: long-press the Lumen icon, **App info → Notifications**.", "In Lumen: **Profile → Notifications**, turn on the kinds you want."]) },
          { title: "Escalating a suspected outage", visibility: "internal", body: "**Internal.** If three or more customers report the same failure within 30 minutes:\n\n1. Tag each ticket `outage`.\n2. Post in the #incident channel with ticket numbers.\n3. Link the tickets to the incident ticket and reply with the status-page link instead of troubleshooting steps." },
        ],
      },
      {
        name: "Integrations",
        description: "Connect Lumen to the tools you already use.",
        articles: [
          { title: "Connecting Lumen to Slack", body: steps("The Slack integration posts alerts and daily summaries to a channel.", ["Go to **Settings → Integrations → Slack**.", "Press **Connect** and choose your Slack workspace.", "Pick the channel, then the events to post."]) },
          { title: "Using the Lumen API", body: "The REST API lives at `/api/v1`. Create a token in **Settings → API tokens**, then send it as `Authorization: Bearer <token>`. The full reference, with examples, is at `/api/docs`. Tokens inherit the permissions of the person who made them." },
          { title: "Webhooks: receiving events", body: "Webhooks send a signed POST to your URL when something happens. Verify the `X-Signature` header with your endpoint secret before trusting the body. Failed deliveries are retried with backoff for 24 hours." },
          { title: "Importing data from a spreadsheet", body: steps("You can import records from a CSV file.", ["Download the template from **Settings → Import**.", "Fill in one row per record; keep the header row.", "Upload the file and review the preview before confirming."]) },
          { title: "Calendar sync with Google and Outlook", body: "Lumen reads free/busy times from Google Calendar and Microsoft Outlook. Connect your calendar in **Profile → Calendars**. Lumen never sees event titles, only when you are busy." },
        ],
      },
    ],
  },
  {
    name: "Billing",
    description: "Invoices, payments, plans and refunds.",
    sections: [
      {
        name: "Invoices and payments",
        description: "Paying for Lumen and getting your paperwork.",
        articles: [
          { title: "Where to find your invoices", body: "Every invoice is in **Settings → Billing → Invoices**, as a PDF. Invoices are also emailed to the billing contact on the day you are charged. To change the billing contact, edit it on the same page." },
          { title: "Updating your payment card", body: steps("To use a different card:", ["Open **Settings → Billing → Payment method**.", "Press **Replace card** and enter the new details.", "The next charge uses the new card; past invoices do not change."]) },
          { title: "Why was my card declined?", body: "Banks decline charges for many reasons: an expired card, a spending limit, or a fraud check on a foreign merchant. Ask your bank to allow charges from *Lumen Software Ltd*, then press **Retry payment** in **Settings → Billing**." },
          { title: "Paying by bank transfer", body: "Annual plans over 20 seats can pay by bank transfer. Ask us from the portal; we will switch your account to invoice billing with 30-day terms. Put the invoice number in the transfer reference." },
          { title: "Adding your VAT number", body: "Add your VAT or tax ID in **Settings → Billing → Company details**. It appears on every invoice from the next one on. We cannot reissue past invoices with a tax ID added later." },
        ],
      },
      {
        name: "Plans and refunds",
        description: "Changing plans, cancelling and getting money back.",
        articles: [
          { title: "Changing your plan", body: "Upgrades take effect at once and are charged pro rata. Downgrades take effect at the end of the current billing period, so you keep what you paid for until then." },
          { title: "Our refund policy", body: "Monthly plans can be refunded within 14 days of a charge. Annual plans can be refunded pro rata within 30 days. Hardware (the Lumen Hub) follows the returns policy under *Orders & shipping*." },
          { title: "Cancelling your subscription", body: steps("You can cancel at any time:", ["Go to **Settings → Billing → Plan**.", "Press **Cancel subscription** and tell us why (optional).", "Your workspace stays active until the end of the period, then becomes read-only for 90 days."]) },
          { title: "Approving refunds over 500 euros", visibility: "internal", body: "**Internal.** Agents may refund up to 500 € in the billing console. Larger refunds need a manager's approval: add an internal note with the amount and reason, and assign the ticket to the Billing manager." },
          { title: "Nonprofit and education discounts", body: "Registered nonprofits and schools get 40% off any plan. Send proof of status from the portal and we apply the discount to the next invoice." },
          { title: "Price changes in 2027", state: "draft", body: "Draft: explain the new per-seat prices and the grandfathering of annual plans. Waiting on final numbers from finance." },
        ],
      },
    ],
  },
  {
    name: "Account & access",
    description: "Signing in, users, permissions and your data.",
    sections: [
      {
        name: "Signing in",
        description: "Passwords, links and single sign-on.",
        articles: [
          { title: "Resetting your password", body: steps("If you forgot your password:", ["On the sign-in page, choose **Email me a sign-in link**.", "Open the link from your inbox within 15 minutes.", "Once in, set a new password in **Profile → Security**."]) },
          { title: "Setting up single sign-on (SSO)", body: "Workspaces on the Business plan can sign in with SAML SSO (Okta, Azure AD, Google Workspace). An admin enters the identity provider's metadata URL in **Settings → Security → SSO**, then tests it before making it required." },
          { title: "Two-factor authentication", body: "Turn on two-factor authentication in **Profile → Security**. Scan the QR code with an authenticator app and keep the recovery codes somewhere safe; support cannot bypass 2FA for you." },
          { title: "Locked out after too many attempts", body: "After repeated failed sign-ins from one network, sign-in is paused for a few minutes to protect your account. Wait, then use **Email me a sign-in link** instead of guessing." },
          { title: "Verifying a locked-out customer's identity", visibility: "internal", body: "**Internal.** Before changing the email address on an account, ask for two of: the last four digits of the card on file, the date of the last invoice, the workspace name. Never accept a screenshot as proof." },
        ],
      },
      {
        name: "Users and data",
        description: "People in your workspace and the data we keep.",
        articles: [
          { title: "Inviting people to your workspace", body: steps("Admins can invite people:", ["Go to **Settings → People → Invite**.", "Enter one email address per line and choose a role.", "Invitations expire after seven days; resend them from the same page."]) },
          { title: "Roles and permissions explained", body: "| Role | Can |\n|---|---|\n| Member | use Lumen and see shared projects |\n| Manager | also manage projects and reports |\n| Admin | also billing, security and people |" },
          { title: "Exporting your data", body: "Admins can export everything as a ZIP of CSV files from **Settings → Data → Export**. Large exports are prepared in the background and emailed as a link valid for 48 hours." },
          { title: "Deleting your account (GDPR)", body: "To delete your personal data, ask from the portal. We confirm the request by email and complete it within 30 days. Invoices are kept for as long as tax law requires." },
          { title: "Your organization's onboarding checklist", visibility: "signed_in", body: "For signed-in customers: the steps your workspace admin should take in the first week — invite your team, connect your calendar, set up SSO if you use it, and book the free onboarding call from the portal." },
        ],
      },
    ],
  },
  {
    name: "Orders & shipping",
    description: "Lumen Hub orders, deliveries and returns.",
    sections: [
      {
        name: "Delivery",
        description: "Where your order is and when it arrives.",
        articles: [
          { title: "Tracking your Lumen Hub order", body: "Once your Hub ships, we email a tracking link. You can also find it in **Settings → Orders**. Tracking can take 24 hours to show the first scan." },
          { title: "Delivery times by country", body: "| Region | Typical delivery |\n|---|---|\n| EU | 2–4 working days |\n| UK | 3–5 working days |\n| US and Canada | 5–8 working days |\n\nCustoms can add a few days outside the EU." },
          { title: "My package is marked delivered but I do not have it", body: steps("Before we open a claim with the carrier:", ["Check with neighbours and your building's reception.", "Look for a delivery photo in the tracking page.", "Wait one working day: carriers sometimes scan early."]) },
          { title: "Changing the delivery address", body: "You can change the address until the order ships, in **Settings → Orders → Edit address**. After it ships, ask the carrier to redirect it using the tracking link." },
        ],
      },
      {
        name: "Returns",
        description: "Sending a Hub back.",
        articles: [
          { title: "Returning a Lumen Hub", body: steps("You can return a Hub within 30 days of delivery:", ["Open a ticket in *Orders & shipping* with your order number.", "We email a prepaid return label.", "Pack the Hub with its cable; we refund within five working days of receiving it."]) },
          { title: "My Hub arrived damaged", body: "Sorry about that. Open a ticket with a photo of the damage and of the box. We send a replacement right away; you do not need to return the damaged Hub first." },
          { title: "Warranty coverage", body: "The Hub has a two-year warranty against hardware faults. The warranty does not cover water damage or opening the case. Claims go through the portal with your order number." },
          { title: "Replacing a Hub without a return", visibility: "internal", body: "**Internal.** For customers on annual plans with more than 50 seats, ship a replacement Hub without waiting for the return. Tag the ticket `hub` and `priority-customer`." },
        ],
      },
    ],
  },
  {
    name: "Feature request",
    description: "Ideas, the roadmap and how we decide.",
    sections: [
      {
        name: "Roadmap",
        description: "What we are building and how to influence it.",
        articles: [
          { title: "How we handle feature requests", body: "Every request is read by the product team. We group similar requests, and the number of customers asking is one of the signals we use. We do not promise dates, but we tell you when something you asked for ships." },
          { title: "Requesting a new report", body: "Tell us which question the report should answer, who reads it and how often. An example with made-up numbers helps more than a description of the chart." },
          { title: "Beta programme", body: "Join the beta in **Profile → Labs** to try features before they are released. Beta features may change or be removed; send feedback from the **Feedback** button in each one." },
          { title: "Dark mode and accessibility", body: "Lumen follows your system's light or dark setting, works with a keyboard alone, and is tested with screen readers. Tell us about anything that gets in your way: we treat accessibility problems as bugs." },
          { title: "Offline mode (planned)", state: "draft", body: "Draft: what offline mode will cover in the first release, and what it will not." },
        ],
      },
    ],
  },
];

/** Inserts the demo help center; authored by the given staff (the first one publishes). */
export async function seedDemoKnowledge(db: Db, options: { authorIds: string[]; now: Date }): Promise<number> {
  const { authorIds, now } = options;
  let written = 0;
  for (const [categoryIndex, category] of demoKnowledge.entries()) {
    const [categoryRow] = await db
      .insert(articleCategories)
      .values({ name: category.name, description: category.description, position: categoryIndex + 1 })
      .returning({ id: articleCategories.id });
    if (!categoryRow) throw new Error("The demo article category was not created.");
    for (const [sectionIndex, section] of category.sections.entries()) {
      const [sectionRow] = await db
        .insert(articleSections)
        .values({ categoryId: categoryRow.id, name: section.name, description: section.description, position: sectionIndex + 1 })
        .returning({ id: articleSections.id });
      if (!sectionRow) throw new Error("The demo article section was not created.");
      for (const article of section.articles) {
        const authorId = authorIds[written % authorIds.length] ?? null;
        const state = article.state ?? "published";
        // Spread over the last few months, so "Updated" times differ.
        const at = new Date(now.getTime() - (written * 2 + 1) * 86_400_000);
        const [row] = await db
          .insert(articles)
          .values({
            sectionId: sectionRow.id,
            title: article.title,
            slug: slugOf(article.title),
            body: article.body,
            state,
            visibility: article.visibility ?? "public",
            authorId,
            createdAt: at,
            updatedAt: at,
            publishedAt: state === "published" ? at : null,
          })
          .returning({ id: articles.id });
        if (!row) throw new Error("The demo article was not created.");
        await db.insert(articleRevisions).values({
          articleId: row.id,
          action: state === "published" ? "published" : "created",
          authorId,
          title: article.title,
          body: article.body,
          state,
          visibility: article.visibility ?? "public",
          createdAt: at,
        });
        written += 1;
      }
    }
  }
  return written;
}
