import { Section, Text } from "@react-email/components";
import type { CSSProperties } from "react";
import { ActionButton } from "./components/action-button";
import { EmailLayout } from "./components/email-layout";
import { monoFontFamily, palette, paragraph, wrapLongWords } from "./components/email-theme";
import { LinkFallback } from "./components/link-fallback";

/** To every admin, when a webhook endpoint is switched off after a day of failed deliveries. */
export type WebhookDisabledProps = {
  adminName: string;
  /** Where the webhooks went (the endpoint's URL). */
  endpointUrl: string;
  description: string;
  /** Since when every delivery failed, already formatted ("Mon 3 Nov, 14:00 UTC"). */
  failingSinceLabel: string;
  /** What the last attempt got: "HTTP 503", "No answer within 10 s.", … */
  lastError: string;
  /** The endpoint's page in the admin area. */
  url: string;
};

export default function WebhookDisabled({ adminName, endpointUrl, description, failingSinceLabel, lastError, url }: WebhookDisabledProps) {
  const facts = [
    { label: "Endpoint", value: endpointUrl, code: true },
    ...(description ? [{ label: "Description", value: description, code: false }] : []),
    { label: "Failing since", value: failingSinceLabel, code: false },
    { label: "Last error", value: lastError, code: true },
  ];
  return (
    <EmailLayout
      preview={`Every delivery to ${endpointUrl} failed for a day, so Frontdesk switched it off.`}
      heading="A webhook endpoint was switched off"
      footer="You are receiving this because you are an admin of this Frontdesk."
    >
      <Text style={paragraph}>Hi {adminName},</Text>
      <Text style={paragraph}>
        Every delivery to this webhook endpoint has failed since {failingSinceLabel}, so Frontdesk switched it off. Events that were still waiting are
        kept and sent once the endpoint is switched on again; new events are not recorded for it while it is off.
      </Text>
      <Section style={box}>
        <table role="presentation" cellPadding={0} cellSpacing={0} data-text-table="" style={table}>
          <tbody>
            {facts.map((fact) => (
              <tr key={fact.label}>
                <td style={label}>{fact.label}</td>
                <td style={fact.code ? { ...value, fontFamily: monoFontFamily } : value}>{fact.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Text style={paragraph}>Fix the receiver (its delivery log shows each answer), then switch the endpoint on again.</Text>
      <ActionButton href={url}>Open the endpoint</ActionButton>
      <LinkFallback url={url} />
    </EmailLayout>
  );
}

WebhookDisabled.PreviewProps = {
  adminName: "Priya Raman",
  endpointUrl: "https://crm.example.com/hooks/frontdesk",
  description: "CRM sync",
  failingSinceLabel: "Mon 3 Nov, 14:00 UTC",
  lastError: "HTTP 503",
  url: "https://support.example.com/desk/admin/webhooks/6f1c2a9e-3b1d-4c1e-9a57-2f0c8e4b7d10",
} satisfies WebhookDisabledProps;

const box: CSSProperties = { margin: "0 0 20px", padding: "14px 16px", backgroundColor: palette.surfaceMuted, borderRadius: "6px" };
const table: CSSProperties = { borderCollapse: "collapse", width: "100%" };
const label: CSSProperties = { padding: "3px 16px 3px 0", fontSize: "14px", lineHeight: "20px", color: palette.muted, whiteSpace: "nowrap", verticalAlign: "top" };
const value: CSSProperties = { ...wrapLongWords, padding: "3px 0", fontSize: "14px", lineHeight: "20px", color: palette.text };
