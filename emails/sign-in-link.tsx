import { Text } from "@react-email/components";
import { EmailLayout } from "./components/email-layout";
import { paragraph } from "./components/email-theme";
import { ActionButton } from "./components/action-button";
import { LinkFallback } from "./components/link-fallback";

/** The email-link sign-in: a button, the same link as text for clients that break buttons, and an expiry. */
export type SignInLinkProps = {
  url: string;
  host: string;
  expiresInMinutes: number;
};

export default function SignInLink({ url, host, expiresInMinutes }: SignInLinkProps) {
  const expiry = expiresInMinutes === 1 ? "1 minute" : `${expiresInMinutes} minutes`;
  return (
    <EmailLayout preview={`Your sign-in link for ${host}. It expires in ${expiry}.`} heading="Sign in to Frontdesk" footer={`Sent because this address was entered on the Frontdesk sign-in page at ${host}.`}>
      <Text style={paragraph}>
        Use the button below to sign in to Frontdesk at {host}. The link expires in {expiry}.
      </Text>
      <ActionButton href={url}>Sign in</ActionButton>
      <LinkFallback url={url} />
      <Text style={paragraph}>If you did not ask for this, ignore this email.</Text>
    </EmailLayout>
  );
}

SignInLink.PreviewProps = {
  url: "https://support.example.com/api/auth/callback/email?token=3f9a1c0e8b7d4a26b5e1f0c9d8a7b6c5e4f3a2b1&email=dana%40example.com",
  host: "support.example.com",
  expiresInMinutes: 15,
} satisfies SignInLinkProps;
