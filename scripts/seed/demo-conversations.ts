/**
 * Demo support conversations for the seed script.
 *
 * The product being supported is "Lumen", a fictional B2B project-management
 * and collaboration tool (web + mobile apps, Slack/GitHub/Google Drive
 * integrations, SSO, Starter/Team/Business/Enterprise plans) that also sells
 * "Lumen Hub" meeting-room display devices.
 *
 * Agent turns greet with the {{customer}} placeholder and carry no sign-off;
 * the app substitutes the customer's first name and appends the agent name.
 */

export type DemoCategorySlug = "technical" | "billing" | "account" | "orders" | "feature-request";

export interface DemoConversation {
  category: DemoCategorySlug;
  /** Ticket subject as a customer would write it, <= 90 chars */
  subject: string;
  /** Suggested priority */
  priority: "low" | "normal" | "high" | "urgent";
  /** The customer's first message, Markdown (2-6 sentences; may contain a short list, inline code or a pasted error in a fenced code block where natural) */
  opening: string;
  /** Alternating follow-up turns after the opening: agent reply, customer reply, agent reply, ... (2 to 5 turns). Agent replies are polite, concrete, sign off with nothing (the agent name is added by the app). Use the placeholder {{customer}} for the customer's first name in agent greetings, e.g. "Hi {{customer}},". */
  turns: string[];
  /** One internal note an agent might leave for colleagues on this ticket (plain, terse, like real internal notes). */
  internalNote: string;
}

export const demoConversations: DemoConversation[] = [
  // ---------------------------------------------------------------------------
  // technical
  // ---------------------------------------------------------------------------
  {
    category: "technical",
    subject: "Lumen won't load for anyone in our org - stuck on spinner then 502",
    priority: "urgent",
    opening:
      "Nobody on our team can open Lumen since about 9:10 this morning. The web app spins for ~30 seconds and then shows this:\n\n" +
      "```\n502 Bad Gateway\nRequest ID: 7f3c1a9e-44d2-4b8e-9c0a-2e61d5f0b7aa\n```\n\n" +
      "Mobile apps just say \"Couldn't reach Lumen\". We have a client review at 11 and all our boards are in there. Please help ASAP.",
    turns: [
      "Hi {{customer}},\n\nThank you for the request ID, it confirmed what we're seeing. We have an active incident affecting workspaces hosted in our EU region, and our infrastructure team is working on it right now. You can follow live updates at status.lumen.example, and I'll update this ticket as soon as we have more.",
      "Some people can get in now but others still get the 502. Is there anything we can do on our side?",
      "Hi {{customer}},\n\nThe fix is rolling out region-wide, so some sessions recover before others. If anyone is still stuck, a hard refresh (`Ctrl+Shift+R` / `Cmd+Shift+R`) or signing out and back in will pick up a healthy server. Mobile users should force-close and reopen the app.\n\nThe incident was marked resolved at 10:02. No data was lost; changes made while the app was unreachable simply didn't save, so it's worth double-checking any edits from that window. We'll publish a full post-incident report on the status page within 5 business days.",
      "Everyone's back in. Thanks for the quick updates.",
    ],
    internalNote: "Part of INC-2291 (EU load balancer misconfig). Customer has Business plan, 140 seats. Add to post-mortem follow-up list.",
  },
  {
    category: "technical",
    subject: "Tasks vanished from our Q3 Launch board after a bulk move",
    priority: "urgent",
    opening:
      "I selected about 60 tasks on the **Q3 Launch** board and used *Move to project* to send them to **Q3 Launch - Archive**. The progress bar finished, but the tasks aren't in either project now and search can't find them. These include all our launch checklists and the assigned owners. Can you recover them?",
    turns: [
      "Hi {{customer}},\n\nI'm sorry, I know how stressful that is. The good news is that the tasks weren't deleted: the move job hit a permissions error on the target project partway through and left them in a detached state. I can see all 62 of them in our backend with their comments, attachments and assignees intact.\n\nI've started a restore back to **Q3 Launch**, which should take about 10 minutes. Could you confirm once you see them?",
      "They're back, including comments. Thank you so much. Why did the move fail though? I'm an admin on both projects.",
      "Hi {{customer}},\n\nGlad to hear it. You're an admin on both projects, but the archive project has a custom field (*Launch Tier*) that was restricted to a specific group, and the bulk-move job didn't handle that restriction correctly. That's a bug on our side and it's now with engineering.\n\nUntil the fix ships, the safest approach is to move tasks in batches of 20 or fewer, or temporarily unrestrict that custom field before a bulk move.",
    ],
    internalNote: "Restored 62 orphaned tasks via admin tool (job id bm-88120). Bug filed ENG-4417: bulk move doesn't roll back on restricted custom field. Escalated, data-loss class.",
  },
  {
    category: "technical",
    subject: "Slack integration posting PRIVATE project updates into a public channel",
    priority: "urgent",
    opening:
      "Since yesterday afternoon, updates from our private **Legal - Contracts** project are being posted to `#general` in Slack. That channel has 400+ people including contractors. That project should never post anywhere except `#legal-private`. Please stop this immediately; I've already removed the two messages I found.",
    turns: [
      "Hi {{customer}},\n\nUnderstood, and thank you for flagging it so quickly. I've paused the Slack integration for the **Legal - Contracts** project on our side, effective immediately, so nothing further will post from it.\n\nFrom the logs, the channel mapping for that project was reset to your workspace's default channel (`#general`) when the Slack app was reinstalled yesterday at 14:37. I'm pulling a full list of every message sent to `#general` from that project so you can confirm nothing else needs removing.",
      "Who reinstalled it? And can you send the list here?",
      "Hi {{customer}},\n\nThe reinstall was done through Slack's app management page by a Slack workspace admin, not from inside Lumen, so our logs only show that it came from your Slack org. Your Slack admin can see the exact user in Slack's integration logs.\n\nThree messages were posted between 14:37 and 16:05 yesterday: the two you removed, plus one at 15:12 titled \"Renewal terms - draft v3\". Once that one is deleted, go to **Project settings > Integrations > Slack**, set the channel back to `#legal-private` and click **Resume**. We're also changing the reinstall flow so it keeps existing channel mappings instead of falling back to the default.",
      "Found and deleted the third one. Mapping is fixed and resumed. Please make sure that fix actually happens.",
      "Hi {{customer}},\n\nWill do. The fix is tracked internally and I've linked your ticket to it, so you'll get an update here when it ships. Thanks again for catching this so fast.",
    ],
    internalNote: "Sent 3 msgs to #general 14:37-16:05. Root cause: Slack reinstall drops per-project channel mappings -> default. ENG-4420, security review requested. Customer on Enterprise, keep CSM in loop.",
  },
  {
    category: "technical",
    subject: "GitHub integration stopped linking pull requests to tasks",
    priority: "high",
    opening:
      "PRs that mention a task key (e.g. `LUM-1423`) in the title stopped showing up on the task since Monday. Nothing changed on our side as far as I know. The integration page in Lumen shows a red badge with this:\n\n" +
      "```\nWebhook delivery failed: 401 Bad credentials\n```\n\n" +
      "Our whole review workflow depends on this.",
    turns: [
      "Hi {{customer}},\n\nThanks for the screenshot of the error. That `401` means the GitHub token Lumen uses was revoked. Your integration was installed with a personal token belonging to a user who was removed from your GitHub organization on Monday, which would explain the timing.\n\nTo fix it for good, please reconnect using the **Lumen GitHub App** instead of a personal token: **Settings > Integrations > GitHub > Reconnect as organization app**. That ties the connection to the org rather than to one person.",
      "Reconnected with the org app. New PRs link fine. The ones from Mon-Wed are still missing though.",
      "Hi {{customer}},\n\nGreat, thanks for confirming. GitHub doesn't replay failed webhooks automatically, so I've triggered a backfill from our side for 1 to 4 of this month. The 37 pull requests from that window should now appear on their tasks. If any are still missing, send me the PR URL and I'll check it.",
    ],
    internalNote: "Installer account deprovisioned in their GH org -> token revoked. Moved them to GitHub App, ran PR backfill (37 PRs). Docs should warn against personal-token installs.",
  },
  {
    category: "technical",
    subject: "iOS app crashes immediately on launch after updating to 5.12.0",
    priority: "high",
    opening:
      "After updating Lumen on my iPhone to 5.12.0 this morning, the app opens to the splash screen and closes after about a second. I'm on iOS 17.5.1. Reinstalling didn't help. Two colleagues have the same problem, and we rely on the mobile app for site visits.",
    turns: [
      "Hi {{customer}},\n\nThanks for the details, and sorry for the disruption. This is a known crash in 5.12.0 that affects accounts with more than 50 pinned projects on iOS 17. Version 5.12.1 with the fix has been submitted to the App Store and should be available within 24 hours.\n\nIn the meantime, you can unpin a few projects from the web app (**Sidebar > Pinned > Manage**) to get under 50, and the current build should start normally.",
      "Unpinning worked for me. Will tell the others. Can we re-pin after the update?",
      "Hi {{customer}},\n\nYes, once 5.12.1 is installed you can re-pin as many projects as you like. I'll reply here when it's live on the App Store.",
    ],
    internalNote: "Known crash IOS-902 (>50 pinned projects, iOS 17). 5.12.1 in App Store review. Follow up once released.",
  },
  {
    category: "technical",
    subject: "Google Drive previews say \"Access denied\" for everyone but me",
    priority: "high",
    opening:
      "I attached our design spec from Google Drive to a task, and it previews fine for me. Everyone else on the project gets a grey box saying \"Access denied - request access from the owner\". We're all on the same Google Workspace domain. Is this a Lumen permission issue?",
    turns: [
      "Hi {{customer}},\n\nGood question. Lumen shows Drive previews using each viewer's own Google account, so the file's sharing settings in Drive decide who can see it, not Lumen's project permissions. From what you describe, the file is probably shared with you only.\n\nIf you open it in Drive and set **General access** to *Anyone at your organization with the link* (or share it with the right group), the previews will load for your teammates.",
      "The file was restricted, my mistake. Is there a way to make this automatic when attaching?",
      "Hi {{customer}},\n\nThere is. An admin can enable **Settings > Integrations > Google Drive > Prompt to share on attach**. When someone attaches a file that the project members can't open, Lumen will then offer to share it with them before saving.",
      "Turned it on. Thanks!",
    ],
    internalNote: "Not a bug, Drive sharing settings. Pointed to 'Prompt to share on attach'. Candidate for help-center article, 3rd ticket this month.",
  },
  {
    category: "technical",
    subject: "Board view painfully slow in Firefox 126 with large projects",
    priority: "high",
    opening:
      "Our Support Backlog board has around 2,000 cards. In Firefox 126 on Windows 11, dragging a card takes 3-4 seconds to register, and scrolling stutters badly. Chrome is noticeably better but still not great. Half the team uses Firefox and they're starting to complain loudly.",
    turns: [
      "Hi {{customer}},\n\nThanks for the specifics. Boards in the 2,000+ card range currently render every card up front, and Firefox is hit harder by that than Chrome. Our new virtualized board renderer fixes this and is available as a beta.\n\nYou can turn it on under **Settings > Labs > Compact board rendering**, either for your workspace or per user. In our tests with a similar board, drag latency dropped to under 200 ms in Firefox.",
      "Enabled it for the workspace. Much faster. Anything we should watch out for in the beta?",
      "Hi {{customer}},\n\nThe main known limitation is that *Print board* ignores the compact renderer and can be slow on very large boards. Apart from that, it's functionally the same. If you run into anything odd, reply here with your browser version and a short screen recording and I'll pass it to the team.",
    ],
    internalNote: "Large board (≈2k cards) perf in FF126. Enabled Labs compact rendering for workspace. Add +1 to PERF-311.",
  },
  {
    category: "technical",
    subject: "Email notifications arriving hours late",
    priority: "normal",
    opening:
      "Notification emails for task assignments are reaching me 2-3 hours after the fact. By the time I see them, the person has usually pinged me on Slack anyway. In-app notifications seem to be instant.",
    turns: [
      "Hi {{customer}},\n\nThanks for reaching out. I checked your account and your email notifications are set to **Hourly digest**, and your mail provider is also deferring some of our messages by about an hour. Together that adds up to the delays you're seeing.\n\nTo get them right away, go to **Profile > Notifications > Email** and choose **Instant**. It's also worth asking your IT team to allowlist `notifications@lumen.example`.",
      "Ah, I didn't know there was a digest setting. Switched to instant, testing now.",
      "Hi {{customer}},\n\nSounds good. If a test assignment still takes more than a couple of minutes, send me the time you assigned it and I'll trace that specific email in our logs.",
    ],
    internalNote: "User on hourly digest + their MX greylisting ~60 min. Config issue, not ours.",
  },
  {
    category: "technical",
    subject: "CSV export truncates task descriptions at 255 characters",
    priority: "normal",
    opening:
      "When I export a project to CSV, the `Description` column is cut off at exactly 255 characters. Our descriptions are often long acceptance criteria, so the export isn't much use for our quarterly audit. Is there a setting to get the full text?",
    turns: [
      "Hi {{customer}},\n\nYou're right, the legacy CSV export has a 255-character limit on long text fields. The newer export doesn't: go to **Project > ⋯ > Export > CSV (v2)** and descriptions will come through in full, with line breaks preserved inside quoted cells.\n\nIf you open it in a spreadsheet app, import it as UTF-8 so special characters display correctly.",
      "v2 works, full text is there. Maybe remove the old option so others don't fall into the same trap?",
    ],
    internalNote: "Legacy CSV export 255 char limit. Pointed to v2. Feedback: deprecate legacy export, logged under EXP-57.",
  },
  {
    category: "technical",
    subject: "API returning 429 Too Many Requests during nightly sync",
    priority: "normal",
    opening:
      "Our nightly job syncs tasks from Lumen into our internal reporting database. Since last week it keeps failing partway through with:\n\n" +
      "```\nHTTP/1.1 429 Too Many Requests\n{\"error\":\"rate_limited\",\"message\":\"Rate limit exceeded for token\"}\n```\n\n" +
      "We make roughly 1,500 calls to `GET /v2/tasks/{id}` in a loop. Did the limits change?",
    turns: [
      "Hi {{customer}},\n\nThanks for the details. The limit didn't change, but your project has grown past the point where one call per task fits inside it. Each API token is allowed 600 requests per minute, and your job is making about 1,500 in the first couple of minutes.\n\nTwo changes should fix it:\n\n1. Use `GET /v2/projects/{id}/tasks?updated_since=...` to fetch tasks in pages of 200 instead of one at a time.\n2. When you do get a `429`, wait for the number of seconds in the `Retry-After` header before retrying.\n\nWith the paged endpoint, your sync should need fewer than 20 requests.",
      "Switched to the paged endpoint with updated_since. Run took 40 seconds instead of 25 minutes. Should have done that from the start.",
      "Hi {{customer}},\n\nThat's a great result. One tip: store the `server_time` value from each response and use it as the next run's `updated_since`, so clock drift between your servers and ours can't make you miss any updates.",
    ],
    internalNote: "Client looping per-task GET. Moved to paged list endpoint. No limit change needed.",
  },
  {
    category: "technical",
    subject: "Android app won't upload attachments on mobile data",
    priority: "normal",
    opening:
      "Photos I attach from the Android app (Pixel 7, Android 14) sit on \"Waiting to upload\" forever unless I'm on Wi-Fi. I'm often on construction sites with no Wi-Fi. Mobile data works fine for everything else in the app.",
    turns: [
      "Hi {{customer}},\n\nThis one is controlled by a setting in the app. Go to **Profile > Settings > Data usage** and turn off **Upload attachments on Wi-Fi only**. It's on by default to save mobile data. Photos already waiting in the queue will start uploading as soon as you change it.",
      "That was it. Didn't even know that setting existed. Thanks.",
    ],
    internalNote: "Wi-Fi only upload toggle. Default-on confuses field users, +1 to MOB-214 to show hint on queued items.",
  },
  {
    category: "technical",
    subject: "Dark mode: code blocks in comments are almost unreadable",
    priority: "low",
    opening:
      "Minor thing, but in dark mode, inline code and fenced code blocks in comments render as dark grey text on a slightly darker grey background. It's really hard to read. Using Safari 17.4 on macOS.",
    turns: [
      "Hi {{customer}},\n\nThanks for reporting this. I can reproduce it in Safari and Chrome, so it's a contrast bug in our dark theme rather than a browser issue. I've filed it with our design team.\n\nUntil it's fixed, switching to **Profile > Appearance > High contrast dark** keeps dark mode and renders code blocks with proper contrast.",
      "High contrast dark is fine for now. Thanks.",
      "Hi {{customer}},\n\nYou're welcome. I'll post an update here when the regular dark theme fix is released.",
    ],
    internalNote: "Repro'd in Safari 17.4 + Chrome. UI-1288 filed, low sev. Workaround: high contrast dark.",
  },

  // ---------------------------------------------------------------------------
  // billing
  // ---------------------------------------------------------------------------
  {
    category: "billing",
    subject: "Card declined and now our workspace is read-only - team can't work",
    priority: "urgent",
    opening:
      "Our workspace switched to **read-only** this morning with a banner saying payment failed. The card on file is valid; our bank says they never saw a charge attempt that needed approval. We're on the Business plan with 85 people who can't update anything right now. Please unlock it while we sort out the card.",
    turns: [
      "Hi {{customer}},\n\nI've restored full access to your workspace, effective now, with a 7-day grace period while we sort out the payment. Please refresh and confirm the banner is gone.\n\nLooking at the failed charge, your bank asked for 3-D Secure verification, and the email with the verification link went to the billing contact on file. That's why your team never saw it. If you go to **Settings > Billing > Payment method** and click **Retry payment**, you'll be able to complete the verification in your browser.",
      "Access is back, thanks. Retried the payment, it asked for a code from the bank app and went through.",
      "Hi {{customer}},\n\nPerfect, I can see the payment succeeded and invoice INV-23340 is now marked paid. The grace period is no longer needed, and your account is in good standing.\n\nTo avoid this in future, you can add a shared mailbox as a second billing contact under **Settings > Billing > Contacts** so verification emails don't get missed.",
    ],
    internalNote: "3DS challenge unanswered -> dunning -> read-only. Manually unlocked + grace. Paid via retry, INV-23340. Suggest billing contact update.",
  },
  {
    category: "billing",
    subject: "Charged twice for our annual Team plan renewal",
    priority: "high",
    opening:
      "We were charged twice for our annual renewal: INV-20931 and INV-20932, both for $4,320.00 on the same card about 2 minutes apart. We only have one workspace. Please refund the duplicate.",
    turns: [
      "Hi {{customer}},\n\nSorry about that, and thanks for including both invoice numbers. I've confirmed that INV-20932 was a duplicate caused by a retry on our side after a timeout. I've voided it and issued a full refund of $4,320.00 to the original card.\n\nRefunds usually show up within 5 to 10 business days, depending on your bank. INV-20931 remains your valid invoice for the renewal.",
      "Ok. Can you send confirmation of the refund for our finance team?",
      "Hi {{customer}},\n\nOf course. A refund receipt (reference RF-20932) has been sent to your billing email, and you can also download it under **Settings > Billing > History**. It shows the refund amount, the date and the last four digits of the card.",
    ],
    internalNote: "Duplicate charge from renewal retry after gateway timeout. Refunded in full (RF-20932). Same bug as BILL-312, adding ticket link.",
  },
  {
    category: "billing",
    subject: "INV-21477 marked past due but we paid by bank transfer last week",
    priority: "high",
    opening:
      "We received a reminder that invoice INV-21477 is past due and that our account may be restricted. Our accounts payable team sent the bank transfer on the 3rd. Can you check and stop the reminders?",
    turns: [
      "Hi {{customer}},\n\nThanks for letting us know. I've paused the reminders and any restrictions on your account while I look into this. We did receive a transfer on the 4th for the right amount, but it had no invoice number in the reference, so it wasn't matched automatically.\n\nCould you send the remittance advice or a screenshot of the transfer confirmation? Once I have it, I can match the payment manually.",
      "Attached the remittance advice. Sorry, our AP system strips the reference field sometimes.",
      "Hi {{customer}},\n\nThat matches. INV-21477 is now marked paid, and you'll get a receipt by email shortly. No worries about the reference. If your AP system can't keep it, sending the remittance advice to `billing@lumen.example` on the day of payment lets us match it right away.",
    ],
    internalNote: "Unmatched wire received 4th, no ref. Matched manually to INV-21477 after remittance. Dunning paused then cleared.",
  },
  {
    category: "billing",
    subject: "Billed for 48 seats but we only have 31 active users",
    priority: "high",
    opening:
      "Our latest invoice (INV-22018) charges for 48 seats on the Business plan. When I go to the members page and filter by active, I see 31 people. We deactivated the rest when a project team was dissolved in March. Why are we paying for them?",
    turns: [
      "Hi {{customer}},\n\nThanks for flagging this. Deactivated members keep their seat so they can be reactivated with all their history, which is why they still show on the invoice. To free up the seats, they need to be **removed** from the workspace: **Settings > Members > filter: Deactivated > select all > Remove from workspace**. Their tasks and comments will stay, attributed to \"Former member\".\n\nSince those 17 accounts haven't been able to log in since March, I've also applied a prorated credit for them to your account.",
      "Removed them. What's the credit amount? And will the next invoice be for 31?",
      "Hi {{customer}},\n\nThe credit is $1,173.00 (17 seats x 3 months x $23), and it will be applied automatically to your next invoice. That invoice will be for 31 seats, or for however many members you have on the billing date. I've also raised the confusing difference between deactivating and removing with our product team.",
      "Good, thanks for sorting it out.",
    ],
    internalNote: "17 deactivated-not-removed seats since March. Goodwill credit $1,173 approved by billing lead. UX feedback -> PROD-88.",
  },
  {
    category: "billing",
    subject: "Please add our VAT number to invoices",
    priority: "normal",
    opening:
      "Our finance department needs our VAT number on every invoice for tax reporting. I couldn't find where to add it. Could you also reissue the invoices from this year with it included?",
    turns: [
      "Hi {{customer}},\n\nHappy to help. You can add it under **Settings > Billing > Company details > Tax ID**, and it will appear on all future invoices. If it's a valid EU VAT number, reverse charge will apply automatically from the next invoice.\n\nFor past invoices, reply with the VAT number and the invoice numbers you need, and I'll reissue them.",
      "Added it in settings. We need INV-19804, INV-20377 and INV-21102 reissued.",
      "Hi {{customer}},\n\nDone. All three invoices have been reissued with your VAT number and sent to your billing email. The originals are marked as superseded in your billing history so there's no confusion.",
    ],
    internalNote: "VAT ID validated via VIES. Reissued 3 invoices. Reverse charge from next cycle.",
  },
  {
    category: "billing",
    subject: "How does proration work if we upgrade Team -> Business mid-cycle?",
    priority: "normal",
    opening:
      "We're on the Team plan, billed monthly, 22 seats, and our cycle renews on the 15th. We'd like to move to Business next week to get SSO. Will we pay for the full month of Business on top of what we already paid for Team?",
    turns: [
      "Hi {{customer}},\n\nNo, you won't pay twice. When you upgrade, we credit the unused part of your Team subscription and charge only for the remaining days at the Business rate. For example, if you upgrade on the 22nd, you'd pay the difference between the two plans for the 24 days left in your cycle. On the 15th you'll then be billed the normal Business price for the full month.\n\nThe exact amount is shown on the confirmation screen before you confirm the upgrade.",
      "Great, that's what I hoped. Thanks for the quick answer.",
    ],
    internalNote: "Pre-sales proration question. No action. Possible Business upgrade, told AM.",
  },
  {
    category: "billing",
    subject: "Switch from card to invoice payment for Enterprise renewal",
    priority: "normal",
    opening:
      "Our Enterprise renewal is in 6 weeks. Procurement wants to pay by invoice with a PO instead of the company card this time. What do you need from us?",
    turns: [
      "Hi {{customer}},\n\nInvoicing is available for annual Enterprise plans, so we can set that up before your renewal. We'll need:\n\n- Your PO number (or confirmation that one will follow)\n- A billing contact email for accounts payable\n- Your legal entity name and billing address as they should appear on the invoice\n\nStandard terms are net 30. Once we have those details, I'll switch your payment method and remove the card so it isn't charged at renewal.",
      "PO is 4500-118822, AP email and entity details are in the attached form.",
      "Hi {{customer}},\n\nThank you, everything is set. Your renewal invoice will be issued 30 days before the renewal date with PO 4500-118822 on it, and the card has been removed from the account. I've copied your account manager on this ticket for visibility.",
    ],
    internalNote: "Switched to invoice billing, net 30, PO 4500-118822. Card removed. AM cc'd.",
  },
  {
    category: "billing",
    subject: "PO number missing from INV-22105",
    priority: "normal",
    opening:
      "INV-22105 doesn't show our PO number, so our AP team rejected it. The PO is 7731-0042 and it was on the order form.",
    turns: [
      "Hi {{customer}},\n\nSorry about that. The PO was on the order form but never made it into your billing profile. I've added 7731-0042 to your account and reissued INV-22105 with the PO number on it. The corrected invoice should be in your billing email now.\n\nThe due date stays the same, but if your AP team needs extra time because of the rejection, just let me know.",
      "Got it, forwarded to AP. Thanks.",
    ],
    internalNote: "PO not carried from order form to billing profile. Added + reissued INV-22105.",
  },
  {
    category: "billing",
    subject: "Can our invoices be in EUR instead of USD?",
    priority: "normal",
    opening:
      "Hello, we're based in the Netherlands and our finance team would prefer invoices and charges in euros rather than dollars. The exchange fees on each payment add up. Is that possible on the Team plan?",
    turns: [
      "Hi {{customer}},\n\nYes, EUR billing is available on all paid plans. A subscription's currency is fixed for the length of its current term, so we can switch it when your annual term renews on 1 September. From then on, all invoices and charges will be in EUR at our published euro prices.\n\nWould you like me to schedule the currency change for your renewal?",
      "Yes please, schedule it.",
      "Hi {{customer}},\n\nIt's scheduled. Your renewal invoice on 1 September will be in EUR. Nothing changes before then, and you'll get a reminder email 30 days before the renewal with the euro amount.",
    ],
    internalNote: "Currency switch USD->EUR scheduled at renewal (Sept 1). Team plan annual.",
  },
  {
    category: "billing",
    subject: "If we downgrade from Business to Team, what happens to SSO and our data?",
    priority: "normal",
    opening:
      "Budget cuts, so we're considering moving from Business to Team at the end of the quarter. We currently use Okta SSO and the audit log. What would we lose exactly, and is any data deleted?",
    turns: [
      "Hi {{customer}},\n\nSorry to hear about the budget cuts. Nothing is deleted when you downgrade, but a few Business features stop working:\n\n- **SSO and SCIM**: users will sign in with email and password or Google instead of Okta. We email everyone a link to set a password.\n- **Audit log**: new events are no longer recorded. Existing entries stay available to export for 90 days.\n- **Advanced permissions**: custom roles become standard Member/Admin roles.\n\nYour projects, tasks, files and integrations are unaffected.",
      "Thanks. The SSO part is a problem for our security team. We might stay on Business for fewer seats instead.",
      "Hi {{customer}},\n\nThat's a good option. You can reduce seats at any time, and the change takes effect at your next renewal. If you'd like, I can ask your account manager to go over annual pricing for a smaller seat count, which could bring the cost closer to the Team plan.",
      "Yes, please have them reach out.",
    ],
    internalNote: "Downgrade risk, Business 120 seats. Prefers seat reduction over losing SSO. AM notified for annual-pricing conversation.",
  },
  {
    category: "billing",
    subject: "Billing emails still going to someone who left the company",
    priority: "low",
    opening:
      "Our invoices and receipts are still going to a colleague who left a few months ago. How do I change the billing contact?",
    turns: [
      "Hi {{customer}},\n\nWorkspace owners and billing admins can change this under **Settings > Billing > Contacts**. You can add up to three addresses, and we'd recommend a shared finance mailbox so this doesn't happen again when someone leaves.\n\nIf you don't have access to that page, ask your workspace owner to give you the **Billing admin** role.",
      "Found it and updated. Thanks.",
    ],
    internalNote: "Billing contact update, self-served.",
  },
  {
    category: "billing",
    subject: "Do you offer a nonprofit discount?",
    priority: "low",
    opening:
      "We're a small registered charity (about 15 staff) looking at the Team plan. Is there any discount for nonprofits?",
    turns: [
      "Hi {{customer}},\n\nYes, registered nonprofits get 30% off the Team and Business plans, on monthly or annual billing. To apply, reply with a copy of your registration certificate (or your registration number and country) and the email address of your workspace owner.\n\nOnce it's approved, usually within two business days, the discount will apply from your next invoice.",
      "Certificate attached, workspace owner is the account that opened this ticket.",
      "Hi {{customer}},\n\nThank you, your nonprofit discount is approved. Your Team plan will be billed at 30% off starting with your next invoice, and you'll see it listed as a line item.",
    ],
    internalNote: "Nonprofit 30% approved, registration verified. Coupon NPO30 applied.",
  },

  // ---------------------------------------------------------------------------
  // account
  // ---------------------------------------------------------------------------
  {
    category: "account",
    subject: "Suspicious logins on our admin account from another country",
    priority: "urgent",
    opening:
      "I just got three \"New sign-in\" emails for our main admin account from a location none of us has been to, all within the last hour. I didn't make them. I've changed the password already, but I'm worried someone still has access. What else should we do right now?",
    turns: [
      "Hi {{customer}},\n\nYou did the right thing changing the password. On our side, I've signed out every active session for that account, including mobile, and revoked its two personal API tokens. Nothing will keep working with the old credentials.\n\nNext steps I'd recommend right now:\n\n1. Turn on two-factor authentication for this account, and require it workspace-wide under **Settings > Security**.\n2. Check **Settings > Security > Audit log**, filtered to this user, for anything you don't recognise from the last 24 hours.\n\nFrom our logs, the sessions viewed two projects and made no changes or exports.",
      "2FA is now enforced for everyone. Audit log shows the same, only views. How did they get the password?",
      "Hi {{customer}},\n\nThere were no failed login attempts first, so the password was most likely reused from another service that had a breach, rather than guessed. There's no sign of any compromise on Lumen's side.\n\nIf you need a report for your security team, I can export the full audit log for this account covering the last 7 days.",
      "Yes please, send the export.",
      "Hi {{customer}},\n\nThe export is attached as a CSV covering the last 7 days for that account. The IP addresses from the suspicious sessions are highlighted in the `flagged` column.",
    ],
    internalNote: "ATO on admin, likely credential stuffing. Sessions+tokens revoked, 2FA enforced ws-wide. Only read access observed. Security team notified (SEC-077).",
  },
  {
    category: "account",
    subject: "Okta SSO broken after certificate rotation - nobody can log in",
    priority: "urgent",
    opening:
      "We rotated our Okta signing certificate this morning and now every login to Lumen fails with:\n\n" +
      "```\nSAML authentication failed: Response signature could not be verified (ERR_SAML_SIG_INVALID)\n```\n\n" +
      "SSO is enforced, so the whole company (300+ people) is locked out, including me.",
    turns: [
      "Hi {{customer}},\n\nThat error means Lumen still has your old Okta certificate. Because SSO is enforced and you're locked out too, I've sent a one-time **SSO bypass link** to the workspace owner's email. It's valid for 30 minutes and only for that account.\n\nAfter signing in with it, go to **Settings > Security > SSO**, upload the new certificate (or paste the new metadata URL from Okta) and click **Test connection**.",
      "I'm in, uploaded the new cert, test passed. People can log in again.",
      "Hi {{customer}},\n\nThat's good to hear. To avoid this next time, use the **Metadata URL** option instead of uploading the certificate file. Lumen then checks your Okta metadata every day and picks up new certificates automatically, and you can keep both old and new certificates active during a rotation.",
    ],
    internalNote: "Cert rotation without updating SP. Issued owner bypass link (expires 30m). Resolved in ~25 min. Recommended metadata URL auto-refresh.",
  },
  {
    category: "account",
    subject: "Locked out after losing my phone with the 2FA app",
    priority: "high",
    opening:
      "My phone was stolen over the weekend and my authenticator app was on it. I don't have the backup codes. I'm the project lead on several active projects and can't get in. How do I recover my account?",
    turns: [
      "Hi {{customer}},\n\nI'm sorry to hear about your phone. For security, we can only reset two-factor authentication after confirming your identity. The quickest way is for one of your workspace admins to reset it: **Settings > Members > [your name] > Reset 2FA**. You'll then be asked to set it up again the next time you sign in.\n\nIf no admin is available, reply and we'll start our manual verification process, which takes 1 to 2 business days.",
      "Our admin reset it, I'm back in and set up 2FA on my new phone.",
      "Hi {{customer}},\n\nGlad you're back in. While it's fresh, please generate a new set of backup codes under **Profile > Security > Backup codes** and keep them somewhere safe, like a password manager. Any codes from your old setup no longer work.",
    ],
    internalNote: "2FA lost device. Resolved via workspace admin reset, no manual verification needed.",
  },
  {
    category: "account",
    subject: "Workspace owner left the company - need to transfer ownership",
    priority: "high",
    opening:
      "The person who created our Lumen workspace left two weeks ago, and their email account has already been deleted. I'm an admin, but I can't change billing or SSO settings because only the owner can. How do we transfer ownership to me?",
    turns: [
      "Hi {{customer}},\n\nWe can transfer ownership, but since the current owner can't approve it, we need to verify that you control the company's domain. Please add this DNS TXT record to your domain:\n\n`lumen-verify=ws-48213-7fa2c9`\n\nReply once it's published (it can take up to an hour to propagate) and I'll complete the transfer.",
      "TXT record is live.",
      "Hi {{customer}},\n\nVerified. You're now the owner of the workspace. The previous owner's account has been turned into a regular deactivated member, so their content stays in place. You can remove the TXT record now.\n\nWe'd also suggest making a second person an admin so you're never stuck with a single point of access again.",
    ],
    internalNote: "Owner departed, mailbox deleted. Ownership transferred after DNS TXT verification. Old owner deactivated.",
  },
  {
    category: "account",
    subject: "Azure AD provisioning not deactivating removed users",
    priority: "high",
    opening:
      "We use SCIM provisioning from Azure AD. New users get created in Lumen fine, but when we remove someone from the Lumen app assignment in Azure AD they stay active in Lumen. The Azure provisioning log shows:\n\n" +
      "```\nStatusCode: 404\nError: Resource 'Users/00u8f2k1' not found\n```\n\n" +
      "This is a compliance issue for us; leavers need to lose access the same day.",
    turns: [
      "Hi {{customer}},\n\nThanks for the log excerpt. The users that fail are ones who were invited manually before SCIM was enabled, so Lumen has no link to their Azure AD identity, which is why the `PATCH` gets a 404. Users created through SCIM deactivate correctly.\n\nI've run a one-time match that links existing Lumen users to Azure AD by email address. It linked 212 of your 218 accounts. The remaining 6 have different emails in Lumen and Azure AD, and I've attached a list of them.",
      "Fixed the 6 emails on our side. Should I re-run provisioning?",
      "Hi {{customer}},\n\nYes, click **Restart provisioning** in Azure AD. When the next cycle runs, those 6 will be linked too. In the meantime, anyone who has already left and is still active can be deactivated manually under **Settings > Members**. Once everyone is linked, removing someone in Azure AD will deactivate them in Lumen within about 40 minutes.",
      "Restarted and tested with a dummy user, deactivated within the cycle. Good.",
    ],
    internalNote: "Pre-SCIM invited users had no externalId. Ran email-match backfill: 212/218 linked, 6 fixed by customer. Consider auto-match on SCIM enable (ID-140).",
  },
  {
    category: "account",
    subject: "How do we merge two Lumen workspaces after an acquisition?",
    priority: "normal",
    opening:
      "We acquired a smaller company that also uses Lumen (Team plan, ~25 users). We're on Enterprise. We'd like to bring their projects and users into our workspace and close theirs. What's the process and what gets lost?",
    turns: [
      "Hi {{customer}},\n\nCongratulations on the acquisition. We can merge the two workspaces with our migration tool. It moves projects, tasks, comments, attachments and custom fields into your workspace and keeps the original authors and timestamps.\n\nA few things don't carry over: integrations (Slack, GitHub, Drive) need to be reconnected, and any automations that reference users will need checking. The other workspace's subscription is cancelled with a prorated refund.\n\nTo get started, we need written approval from the owners of **both** workspaces. Replying on this ticket is fine.",
      "Their owner will reply here. Can we schedule it over a weekend?",
      "Hi {{customer}},\n\nYes, we can run it on a Saturday. The other workspace becomes read-only during the migration, which takes about 2 hours at their size. Once both approvals are in, I'll suggest a couple of dates.",
    ],
    internalNote: "Workspace merge, Team->Enterprise. Awaiting second owner approval. Ops to schedule weekend slot.",
  },
  {
    category: "account",
    subject: "Need to change email domain for all users after rebrand",
    priority: "normal",
    opening:
      "Our company is rebranding and everyone's email is moving from the old domain to a new one at the end of the month. About 60 users. Will everyone have to create new accounts, or can we change the emails in bulk?",
    turns: [
      "Hi {{customer}},\n\nNo new accounts needed. Here's how it works:\n\n1. Add and verify the new domain under **Settings > Security > Domains**.\n2. Go to **Settings > Members > Bulk actions > Change email domain** and choose the old and new domains.\n\nEveryone keeps their history, assignments and notification settings. Each user gets an email at their new address to confirm the change, and their old address keeps working for sign-in for 14 days so nobody is locked out during the switch.",
      "Perfect. We use Google sign-in, does that matter?",
      "Hi {{customer}},\n\nIt works with Google sign-in. After the change, users simply sign in with their new Google account. Just make sure the new Google Workspace accounts exist before you run the bulk change.",
    ],
    internalNote: "Domain rebrand ~60 users. Pointed to bulk domain change. No action needed from us.",
  },
  {
    category: "account",
    subject: "Guest user can see projects they shouldn't have access to",
    priority: "normal",
    opening:
      "We invited an external contractor as a guest to one project. They told us they can also see our **Hiring** and **Finance Planning** projects in their sidebar. I thought guests only see what they're explicitly invited to?",
    turns: [
      "Hi {{customer}},\n\nGuests do only see projects they've been given access to, so I checked how this happened. The contractor was added to the **All Staff** team, probably by the invite's team selector, and that team has access to both of those projects. I've removed the guest from **All Staff**, so they now only see the one project you invited them to.",
      "Thanks. Can we stop guests from being added to teams at all?",
      "Hi {{customer}},\n\nYes. On the Business plan, go to **Settings > Security > Guest policy** and turn on **Guests can only be added to individual projects**. With that on, the team selector doesn't appear when inviting guests. You can also check what the contractor viewed under **Audit log > filter by user**.",
    ],
    internalNote: "Guest added to 'All Staff' team via invite dialog. Removed. Customer enabling guest policy. Audit showed 2 views of Hiring, none of Finance.",
  },
  {
    category: "account",
    subject: "Password reset email never arrives",
    priority: "normal",
    opening:
      "I clicked \"Forgot password\" four times today and never got the email. Not in spam either. I really need to get into my account.",
    turns: [
      "Hi {{customer}},\n\nI checked your account, and your workspace requires single sign-on, so password sign-in and resets are turned off for your email address. That's why no reset email was sent.\n\nOn the sign-in page, choose **Continue with SSO** and enter your work email. You'll be taken to your company's login page.",
      "Oh. That worked. Maybe the forgot password page could say that?",
      "Hi {{customer}},\n\nFair point, it should. I've passed that on to our team so the reset page tells you when SSO is required instead of failing silently.",
    ],
    internalNote: "SSO-enforced user trying pwd reset. UX bug: reset page silently no-ops -> AUTH-233.",
  },
  {
    category: "account",
    subject: "Old personal Lumen account is blocking my work email",
    priority: "normal",
    opening:
      "Years ago I made a free Starter account with my work email for a side project. Now my company's workspace is trying to invite me, and it says the email is already in use. I don't need anything from the old account.",
    turns: [
      "Hi {{customer}},\n\nYou have two options:\n\n- **Delete the old account**: sign in, go to **Profile > Account > Delete account**. Its personal workspace and data are permanently removed.\n- **Keep it**: change the old account's email to a personal address under **Profile > Account > Email**.\n\nEither way, your work email becomes free and your company's invite will work. Ask them to resend it afterwards.",
      "Deleted it, invite worked. Thanks!",
    ],
    internalNote: "Email collision with old Starter acct. Self-served deletion.",
  },
  {
    category: "account",
    subject: "Can I change my display name without asking an admin?",
    priority: "low",
    opening:
      "My name shows up with a typo everywhere in Lumen. Do I need an admin to fix it, or can I change it myself?",
    turns: [
      "Hi {{customer}},\n\nYou can change it yourself under **Profile > Account > Display name**. The only exception is if your workspace syncs names from SSO, in which case the field is greyed out and the name needs to be fixed in your company directory. It will then update in Lumen at your next sign-in.",
      "It was greyed out, so I asked IT. Fixed now.",
    ],
    internalNote: "Name from SCIM, fixed upstream.",
  },
  {
    category: "account",
    subject: "Where is the audit log?",
    priority: "low",
    opening: "Our security team asked me to pull the audit log for last month. I can't find it anywhere in settings. We're on the Team plan.",
    turns: [
      "Hi {{customer}},\n\nThe audit log is part of the Business and Enterprise plans, so it isn't available on Team. That's why you don't see it in settings.\n\nOn Team, you can still export project activity (task changes, comments, membership changes) from **Project > ⋯ > Export activity**. It covers most of what security teams usually ask for, but it doesn't include sign-ins or workspace-level settings changes. If you need those, I can put you in touch with someone about a Business trial.",
      "Project activity export is enough for now. Thanks.",
    ],
    internalNote: "Team plan, no audit log. Pointed to activity export. Possible upsell.",
  },

  // ---------------------------------------------------------------------------
  // orders (Lumen Hub devices)
  // ---------------------------------------------------------------------------
  {
    category: "orders",
    subject: "Order LH-58213 shows delivered but nothing arrived",
    priority: "high",
    opening:
      "Tracking for order LH-58213 (4x Lumen Hub) says it was delivered yesterday at 14:52, \"left at reception\". Our reception has no record of it, and the building's mailroom doesn't either. We have new meeting rooms opening Monday.",
    turns: [
      "Hi {{customer}},\n\nI'm sorry, that's frustrating, especially with the rooms opening Monday. I've opened a missing-parcel investigation with the carrier, which usually takes 3 to 5 business days.\n\nSo you're not kept waiting on that, I've also sent a replacement order, **LH-58213-R**, by express shipping. It should arrive Friday. If the original shipment turns up, just let us know and we'll send you a prepaid return label for it.",
      "Thank you, that's a relief. Do we need to sign for the replacement?",
      "Hi {{customer}},\n\nYes, I've made the replacement signature-required so it can't be left without someone signing for it. The tracking link is in the shipping confirmation email.",
    ],
    internalNote: "Carrier claim opened (ref CLM-88412). Express replacement LH-58213-R, signature required. Watch for original turning up -> return label.",
  },
  {
    category: "orders",
    subject: "Two of five Lumen Hubs arrived with cracked screens (LH-60144)",
    priority: "high",
    opening:
      "Order LH-60144 arrived today. Two of the five Hubs have cracked screens; the outer box was visibly crushed on one corner. Photos attached of the box and both screens. The other three are fine.",
    turns: [
      "Hi {{customer}},\n\nThanks for the photos, they're exactly what we need. Sorry the devices arrived damaged. I've started a replacement for the two broken units, which will ship tomorrow with standard delivery (2 to 3 business days).\n\nYou don't need to send the damaged units back first. The replacement box will include a prepaid return label, so you can send them back whenever it suits you within 30 days.",
      "Good. Can the replacements come with extra packaging? This is the second time a box has been crushed.",
      "Hi {{customer}},\n\nAbsolutely. I've asked the warehouse to double-box the replacements, and I've added a note to your account so future Hub orders are double-boxed as well. I've also passed the photos to our logistics team so they can raise it with the carrier.",
    ],
    internalNote: "2 units transit damage. Replacement shipped double-boxed, account flagged 'double-box'. 2nd damage incident for this customer, logistics informed.",
  },
  {
    category: "orders",
    subject: "Change shipping address on LH-61020 before it ships",
    priority: "high",
    opening:
      "I just placed order LH-61020 and realised it's going to our old office address. The correct address is our new office, which is already in our company profile. Can you change it before it ships?",
    turns: [
      "Hi {{customer}},\n\nYou caught it in time. The order was still in the picking queue, so I've updated the shipping address to your new office (the one in your company profile) and moved the order back to the front of the queue. It should ship today as planned.\n\nYou'll receive an updated confirmation email with the new address shortly. Please check it and let me know if anything is off.",
      "Confirmation looks right. Thanks!",
    ],
    internalNote: "Address changed pre-pick on LH-61020. Default shipping address in profile was outdated; asked warehouse ops why checkout didn't use profile address.",
  },
  {
    category: "orders",
    subject: "Lumen Hub won't power on - need a warranty replacement",
    priority: "high",
    opening:
      "One of our Lumen Hubs (serial LHB2-0041-7732) stopped working overnight. No lights, no display, nothing. We tried a different outlet and a different power adapter from another Hub. It's about 8 months old, from order LH-54420.",
    turns: [
      "Hi {{customer}},\n\nThanks for the troubleshooting, that saves a few steps. Could you try one more thing: hold the power button for 20 seconds with the cable unplugged, then plug it back in and press it once. That resets the power controller and revives a small number of units.",
      "Tried it, still completely dead.",
      "Hi {{customer}},\n\nThanks for trying. The Hub is covered by our 2-year warranty, so I've created warranty replacement **RMA-30918**. We'll ship the replacement first (arriving in 2 to 4 business days), and it will include a prepaid label for returning the faulty unit.\n\nThe new Hub will appear in **Settings > Rooms > Devices** after you pair it. You can assign it to the same room, and the room's schedule and settings will carry over.",
    ],
    internalNote: "Dead unit, power reset failed. Advance replacement RMA-30918 under warranty. Serial LHB2-0041-7732, same batch as 2 other PSU failures, flag to hardware QA.",
  },
  {
    category: "orders",
    subject: "Wrong wall mount in order LH-59877",
    priority: "normal",
    opening:
      "We ordered 3 Hubs with **glass wall mounts** (order LH-59877) but received standard drywall mounts. The Hubs themselves are fine. Can you send the correct mounts?",
    turns: [
      "Hi {{customer}},\n\nSorry about that. I can see the glass mount option on your order, so this was a picking error in our warehouse. I've sent 3 glass wall mounts by express shipping at no cost, and they should arrive within 2 business days.\n\nYou're welcome to keep the drywall mounts, since returning them would cost more than they're worth.",
      "Great, thanks for the quick fix.",
    ],
    internalNote: "Warehouse pick error. Shipped 3x glass mount express (LH-59877-A). No return needed.",
  },
  {
    category: "orders",
    subject: "Delivery estimate for LH-62310 to our Berlin office? Customs fees?",
    priority: "normal",
    opening:
      "We ordered 6 Hubs (LH-62310) for our office in Berlin. The confirmation says \"ships within 3 business days\" but nothing about delivery. Also, will we be charged import duties or VAT on arrival?",
    turns: [
      "Hi {{customer}},\n\nGood questions. Orders to Germany ship from our EU warehouse, so there are no customs duties or import fees on delivery. VAT was already included on your invoice using your company's VAT details.\n\nLH-62310 is scheduled to ship tomorrow, and delivery in Germany usually takes 2 to 3 business days after that. You'll get a tracking link by email as soon as it leaves the warehouse.",
      "Perfect, that's all I needed.",
    ],
    internalNote: "EU warehouse, DDP. No action.",
  },
  {
    category: "orders",
    subject: "Return an unused Lumen Hub within 30 days",
    priority: "normal",
    opening:
      "We ordered one more Hub than we needed (order LH-60931, delivered 12 days ago). It's unopened. How do we return it for a refund?",
    turns: [
      "Hi {{customer}},\n\nNo problem. Unused Hubs can be returned within 30 days of delivery for a full refund. I've created return **RMA-31022** and emailed you a prepaid shipping label. Please put the label on the original box and drop it off at any carrier location, or book a pickup through the link in the email.\n\nOnce the warehouse receives and checks it, the refund is issued to the original payment method within 5 business days.",
      "Dropped it off this morning.",
      "Hi {{customer}},\n\nThanks, I can see the return is on its way to us. I'll confirm here once the refund has been issued.",
      "👍",
    ],
    internalNote: "Unopened return RMA-31022, full refund on receipt. No restocking fee (sealed).",
  },
  {
    category: "orders",
    subject: "Ordering 10 more Hubs - can they ship to three different offices?",
    priority: "normal",
    opening:
      "We want to order 10 more Lumen Hubs, split across three offices:\n\n- 4 to our head office\n- 4 to the regional office\n- 2 to the new satellite office\n\nThe checkout only allows one shipping address. Do we need to place three separate orders?",
    turns: [
      "Hi {{customer}},\n\nYou don't need three orders. Place a single order for 10 Hubs and choose **Multiple addresses** at the shipping step. It only appears once the quantity is more than one, which is easy to miss. You can then split the quantity across saved addresses or add new ones.\n\nYou'll get one invoice and three separate shipments, each with its own tracking number.",
      "Found it, order placed as LH-63104. Thanks.",
      "Hi {{customer}},\n\nThanks, I can see LH-63104 with the three shipments set up correctly. All three should leave the warehouse within 3 business days.",
    ],
    internalNote: "Multi-address checkout discoverability issue again. LH-63104 verified 3 shipments.",
  },
  {
    category: "orders",
    subject: "Customs asking for a commercial invoice for LH-60588",
    priority: "normal",
    opening:
      "Our shipment LH-60588 is being held at customs and the carrier is asking for a commercial invoice with HS codes. Can you send that to us or directly to the carrier?",
    turns: [
      "Hi {{customer}},\n\nSorry for the hold-up. I've attached the commercial invoice for LH-60588 to this ticket, with the HS code, country of origin and declared value for each item. I've also sent it straight to the carrier's customs team and referenced their hold notice.\n\nCustoms usually releases the shipment within 1 to 2 business days once they have the document.",
      "Carrier confirmed they have it. Tracking updated to 'cleared'.",
    ],
    internalNote: "Commercial invoice missing from shipment docs (non-EU export). Sent to customer + carrier. Check why warehouse didn't auto-attach CI.",
  },
  {
    category: "orders",
    subject: "Tracking number for LH-61733 says \"not found\"",
    priority: "normal",
    opening: "Got the shipping email for LH-61733 two days ago, but the tracking number says \"not found\" on the carrier's site. Has it actually shipped?",
    turns: [
      "Hi {{customer}},\n\nThanks for checking. The label was created two days ago, but the carrier missed the pickup at our warehouse, so the parcel hasn't been scanned yet. That's why tracking shows \"not found\". It was collected this morning and should start showing updates within a few hours.\n\nBecause of the delay, I've upgraded it to express shipping at no cost, so it should still arrive around the original estimate.",
      "Tracking is showing now. Thanks for upgrading it.",
    ],
    internalNote: "Missed carrier pickup. Upgraded to express, no charge.",
  },
  {
    category: "orders",
    subject: "Do Hubs come with a UK power adapter?",
    priority: "low",
    opening: "Planning to order a couple of Hubs for our London office. Do they come with a UK plug, or do we need to buy adapters?",
    turns: [
      "Hi {{customer}},\n\nThe power supply that comes with the Hub matches the country you're shipping to, so orders to the UK come with a UK plug. If you ever move a Hub to another country, replacement power supplies for other regions are available in the accessories section of the Hub store.",
      "Great, thanks.",
    ],
    internalNote: "Pre-sales Q. No action.",
  },
  {
    category: "orders",
    subject: "Is the Lumen Hub available in white?",
    priority: "low",
    opening:
      "Our new office has white walls and glass everywhere, and the graphite Hub looks a bit heavy. Is there a white or light grey version, or a cover we could buy?",
    turns: [
      "Hi {{customer}},\n\nAt the moment the Hub only comes in graphite, and we don't sell covers or skins for it. I've passed your request to our hardware team, who are collecting interest in other colours for the next model.\n\nOne tip: with the light theme enabled on the display (**Settings > Rooms > Display > Theme: Light**), the Hub looks noticeably lighter on a white wall.",
      "We'll try the light theme. Please count us in for white if it happens.",
    ],
    internalNote: "Color request logged with hardware PM (HW-FR-19). Graphite only for now.",
  },

  // ---------------------------------------------------------------------------
  // feature-request
  // ---------------------------------------------------------------------------
  {
    category: "feature-request",
    subject: "Stream audit log events to our SIEM - blocking our Enterprise rollout",
    priority: "high",
    opening:
      "Our security team requires all SaaS audit events to go to our SIEM in near real time before we can roll Lumen out beyond the pilot group (~900 more users). Right now we'd have to poll the audit log API ourselves. Is native streaming (webhook or syslog) on the roadmap, and when?",
    turns: [
      "Hi {{customer}},\n\nThanks for explaining the rollout requirement. Audit log streaming is on our roadmap. It will start with an HTTPS webhook destination, with syslog support after that, and an Enterprise beta is planned for next quarter. I've added your workspace to the beta list and shared your use case with the product manager.\n\nUntil then, a number of customers poll `GET /v2/audit-events?after=<cursor>` every minute. The API returns events in order with a cursor, so nothing is missed or duplicated. I can share a small example collector script if that would help.",
      "Yes, send the script. Our security team will want to talk to the PM too.",
      "Hi {{customer}},\n\nThe example script is attached. It polls every 60 seconds, stores the cursor, and forwards events as JSON lines. I've also asked your account manager to set up a call between your security team and our PM.",
    ],
    internalNote: "Enterprise expansion (+900 seats) blocked on SIEM streaming. Added to AUD-STREAM beta list. AM + PM looped in. Sent poller example.",
  },
  {
    category: "feature-request",
    subject: "Task dependencies across different projects",
    priority: "normal",
    opening:
      "We can set dependencies between tasks in the same project, but not across projects. Our design and engineering teams work in separate projects, and engineering tasks are usually blocked by design tasks. Being able to link them and see that on the timeline would help a lot.",
    turns: [
      "Hi {{customer}},\n\nThanks for the clear use case. Cross-project dependencies are one of the most requested timeline features, and I've added your vote and description to the request. I can't give you a date yet, but it's in discovery.\n\nOne workaround in the meantime: a **portfolio timeline** (**Portfolios > New > Timeline view**) shows tasks from several projects together, and you can add a \"Blocked by\" link field to show the relationship even though it won't reschedule anything automatically.",
      "The portfolio timeline helps a bit. Please do keep us posted.",
    ],
    internalNote: "+1 cross-project dependencies (TL-42). Team plan, 2 projects.",
  },
  {
    category: "feature-request",
    subject: "Recurring tasks with more flexible schedules",
    priority: "normal",
    opening:
      "Recurring tasks only support daily/weekly/monthly on a fixed date. We need things like:\n\n- last business day of the month\n- every 2nd Tuesday\n- quarterly, 5 days before quarter end\n\nRight now we create these by hand, which defeats the purpose.",
    turns: [
      "Hi {{customer}},\n\nThanks for the specific examples, they help the team a lot. \"Every 2nd Tuesday\" already works: choose **Monthly > On the second Tuesday** in the repeat menu. It's a bit hidden under the *Monthly* option.\n\n\"Last business day\" and rules relative to quarter end aren't supported yet. I've added both to our recurring-tasks request, along with your examples.",
      "Didn't know about the 2nd Tuesday one, that helps. The other two are the important ones for our finance close though.",
      "Hi {{customer}},\n\nUnderstood, I've noted them as the priority for your team's finance close. I'll update this ticket if there's news.",
    ],
    internalNote: "Recurrence rules: last business day, relative-to-quarter-end. +1 REC-17. Showed nth weekday option.",
  },
  {
    category: "feature-request",
    subject: "Let guests comment on a single task without joining the project",
    priority: "normal",
    opening:
      "We often need a client to review one task and leave feedback. Making them a guest on the whole project exposes too much. It would be great to share a single task with an external person who can comment but not see anything else.",
    turns: [
      "Hi {{customer}},\n\nThat makes sense, and it's a common request from agencies. Sharing a single task with an external person isn't possible yet, but I've added your vote to the request.\n\nThe closest option today is a **shared form** or a **public task link** (read-only). Neither allows comments, though, so they may not be enough for client feedback.",
      "Read-only won't work, they need to reply. We'll wait.",
    ],
    internalNote: "+1 single-task guest sharing w/ comments (COLLAB-66). Agency customer.",
  },
  {
    category: "feature-request",
    subject: "Two-way sync between Lumen tags and GitHub Issues labels",
    priority: "normal",
    opening:
      "The GitHub integration links issues to tasks, but labels don't sync. When our devs add `bug` or `p1` in GitHub, the Lumen task doesn't change, and PMs who tag in Lumen don't update GitHub. Two-way label/tag sync would save a lot of double entry.",
    turns: [
      "Hi {{customer}},\n\nThanks for the suggestion. Today the integration only syncs status and assignee, in one direction. Two-way label sync is on our integrations roadmap. One open question is how to map labels that only exist on one side. Would you want Lumen to create missing tags automatically, or only sync labels that already match?",
      "Only sync matches, with a mapping table would be ideal. Auto-creating would make a mess.",
      "Hi {{customer}},\n\nThat's really useful input, and I've added it to the request word for word. Until it's available, a Lumen automation (**Automations > When a linked PR is merged > Add tag**) can cover part of this in one direction.",
    ],
    internalNote: "+1 GH label<->tag sync (INT-GH-23). Prefers explicit mapping table, no auto-create.",
  },
  {
    category: "feature-request",
    subject: "Custom fields should be editable in the mobile app",
    priority: "normal",
    opening:
      "In the iOS and Android apps, custom fields are read-only. Our field teams need to update *Site status* and *Inspection result* while on site, and right now they have to wait until they're back at a laptop.",
    turns: [
      "Hi {{customer}},\n\nThanks for explaining how your field teams work. Editing custom fields on mobile is currently in development. Text, number, date and single-select fields are planned for the first release, with multi-select and people fields after that.\n\nIf you'd like to try it early, I can add your workspace to the mobile beta. Team members get the beta builds through the standard iOS and Android beta testing programs.",
      "Yes, add us to the beta. Both our fields are single-select so that works.",
      "Hi {{customer}},\n\nDone. Your workspace is on the mobile beta list, and invites will go to workspace admins within a week. Single-select editing is included in the first beta build.",
    ],
    internalNote: "Added to mobile beta (custom field editing). Single-select only need.",
  },
  {
    category: "feature-request",
    subject: "Slack message shortcut: create task with assignee and due date",
    priority: "normal",
    opening:
      "The \"Create Lumen task\" shortcut in Slack only takes a title and project. We'd like to set the assignee and due date right there in the dialog. Most tasks we create from Slack need both, and we always forget to add them later.",
    turns: [
      "Hi {{customer}},\n\nThanks, that's a reasonable request. I've sent it to the integrations team. In the meantime, you can type `/lumen task Fix login copy @me due:friday` in any channel. The slash command already understands `@mentions` for the assignee and `due:` for the due date, and it links back to the message thread.",
      "Didn't know the slash command could do that. Still would like it in the shortcut dialog, but this works.",
    ],
    internalNote: "+1 Slack shortcut assignee/due fields (INT-SL-31). Showed slash command syntax.",
  },
  {
    category: "feature-request",
    subject: "Keyboard shortcut to move a card to the next column",
    priority: "low",
    opening: "Would love a keyboard shortcut to move the selected card to the next/previous column on a board. Dragging gets tedious when triaging 50+ cards.",
    turns: [
      "Hi {{customer}},\n\nGood news: this already exists, it's just not very visible. Select a card and press `Shift + →` or `Shift + ←` to move it between columns. Press `?` anywhere in Lumen to see the full list of shortcuts.",
      "Amazing. You should put that somewhere visible :)",
    ],
    internalNote: "Shortcut exists. Discoverability feedback -> UX backlog.",
  },
  {
    category: "feature-request",
    subject: "More colour options for labels",
    priority: "low",
    opening: "We have about 20 labels and only 10 colours to choose from, so several labels share a colour. Could you add more colours or allow custom hex values?",
    turns: [
      "Hi {{customer}},\n\nThanks for the suggestion. I've added your vote for custom label colours. The limited palette is partly there to keep labels readable in both light and dark mode, so the team is looking at a larger palette with accessible contrast rather than fully custom hex values.\n\nIf it helps for now, label **groups** can separate similar labels visually, for example all \"Area:\" labels together.",
      "A bigger palette would be fine. Thanks.",
    ],
    internalNote: "+1 label palette expansion (UI-FR-08).",
  },
  {
    category: "feature-request",
    subject: "24-hour time format on Lumen Hub room displays",
    priority: "low",
    opening: "The Lumen Hub displays in our meeting rooms show times like 2:30 PM. Everyone here uses 24-hour time. Could you add an option for that?",
    turns: [
      "Hi {{customer}},\n\nYou can already change this. Go to **Settings > Rooms > Display > Time format** and choose **24-hour**. It applies to all Hubs in your workspace within a few minutes, or you can set it per room in each room's display settings.",
      "Done, all rooms switched. Thanks!",
    ],
    internalNote: "Setting exists. Default should follow workspace locale -> HUB-SW-54.",
  },
  {
    category: "feature-request",
    subject: "Emoji reactions on comments",
    priority: "low",
    opening: "Small request: could we react to comments with emoji like in Slack? Half our comments are just \"thanks!\" or \"👍\", which clutters the task.",
    turns: [
      "Hi {{customer}},\n\nThanks for the suggestion. Reactions on comments are planned, and I've added your vote. I'll update this ticket when it ships.",
      "Cool, thanks.",
    ],
    internalNote: "+1 comment reactions (COLLAB-12).",
  },
  {
    category: "feature-request",
    subject: "Export a board as a PDF for client presentations",
    priority: "low",
    opening:
      "We regularly share project status with clients who don't have Lumen access. It would be nice to export a board or timeline view as a clean PDF with our logo. Right now we take screenshots and paste them into slides.",
    turns: [
      "Hi {{customer}},\n\nThanks for the request. There's no branded PDF export yet, but I've added your use case to it. For now, **Timeline > ⋯ > Print** with *Fit to page* selected lets you save a fairly clean PDF from Chrome, Safari or Firefox. The logo would still have to be added separately.",
      "Print to PDF looks ok for timelines, boards less so. Would still like the real thing.",
      "Hi {{customer}},\n\nThat's fair. I've noted that the board view is the main gap, and that client-facing branding is important to you.",
    ],
    internalNote: "+1 branded PDF export (RPT-09). Agency use case; board view print layout weak.",
  },
];
