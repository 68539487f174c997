import { Text } from "@react-email/components";
import { EmailLayout } from "./components/email-layout";
import { ActionButton } from "./components/action-button";
import { LinkFallback } from "./components/link-fallback";
import { paragraph } from "./components/email-theme";

/**
 * Sent instead of "this email already has an account": the sign-up page
 * answers the same for every address, and only the address's owner learns
 * that it was used.
 */
export type SignUpAttemptProps = {
  name: string;
  /** The sign-in page. */
  url: string;
  host: string;
};

export default function SignUpAttempt({ name, url, host }: SignUpAttemptProps) {
  return (
    <EmailLayout
      preview={`Someone tried to create an account at ${host} with your address.`}
      heading="You already have an account"
      footer={`Sent because this address was entered on the sign-up page at ${host}.`}
    >
      <Text style={paragraph}>Hi {name},</Text>
      <Text style={paragraph}>
        Someone tried to create a Frontdesk account at {host} with your email address. You already have one, so nothing was changed.
      </Text>
      <Text style={paragraph}>
        If it was you, sign in instead. Forgot your password? On the sign-in page, ask for a sign-in link by email.
      </Text>
      <ActionButton href={url}>Sign in</ActionButton>
      <LinkFallback url={url} />
      <Text style={paragraph}>If it was not you, ignore this email: your account and password are unchanged.</Text>
    </EmailLayout>
  );
}

SignUpAttempt.PreviewProps = {
  name: "Dana Whitfield",
  url: "https://support.example.com/signin",
  host: "support.example.com",
} satisfies SignUpAttemptProps;
