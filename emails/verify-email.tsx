import { Text } from "@react-email/components";
import { EmailLayout } from "./components/email-layout";
import { ActionButton } from "./components/action-button";
import { LinkFallback } from "./components/link-fallback";
import { paragraph } from "./components/email-theme";

/**
 * Confirms that the person who signed up reads this mailbox. Until they do,
 * their email domain gives them no organization: anyone can type any address.
 */
export type VerifyEmailProps = {
  name: string;
  url: string;
  host: string;
  expiresInHours: number;
  /** The organization the address's domain would join, if any. */
  organizationName: string | null;
};

export default function VerifyEmail({ name, url, host, expiresInHours, organizationName }: VerifyEmailProps) {
  const expiry = expiresInHours === 1 ? "1 hour" : `${expiresInHours} hours`;
  return (
    <EmailLayout
      preview={`Confirm your email address for ${host}. The link expires in ${expiry}.`}
      heading="Confirm your email address"
      footer={`Sent because this address was used to create an account at ${host}.`}
    >
      <Text style={paragraph}>Hi {name},</Text>
      <Text style={paragraph}>
        Confirm that this address is yours to finish setting up your Frontdesk account at {host}. The link expires in {expiry}.
        {organizationName ? ` Confirming also lets you follow the tickets your organization, ${organizationName}, shares.` : ""}
      </Text>
      <ActionButton href={url}>Confirm my email address</ActionButton>
      <LinkFallback url={url} />
      <Text style={paragraph}>If you did not create this account, ignore this email.</Text>
    </EmailLayout>
  );
}

VerifyEmail.PreviewProps = {
  name: "Dana Whitfield",
  url: "https://support.example.com/verify-email?token=b3f2c1d0e9a8b7c6d5e4f3a2b1c0d9e8.AbCdEfGhIjKlMnOpQrStUv",
  host: "support.example.com",
  expiresInHours: 24,
  organizationName: "Northwind Traders",
} satisfies VerifyEmailProps;
