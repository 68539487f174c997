import { Body, Container, Head, Heading, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { fontFamily, palette, wrapLongWords } from "./email-theme";

/**
 * The frame every Frontdesk email shares: brand line, one white card with the
 * heading and content, and a footer saying what replying to the email does.
 * Text only (no images, no web fonts), at most 600px wide.
 */
export function EmailLayout({ preview, heading, footer, children }: { preview: string; heading: string; footer: ReactNode; children: ReactNode }) {
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <meta name="color-scheme" content="light" />
        <meta name="supported-color-schemes" content="light" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={container}>
          <Text style={brand}>Frontdesk Support</Text>
          <Section style={card}>
            <Heading as="h1" style={title}>
              {heading}
            </Heading>
            {children}
          </Section>
          <Text style={footerText}>{footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}

/** Footer for requester emails: inbound mail threads onto the ticket by its reply address. */
export const REPLY_ADDS_TO_TICKET = "Reply to this email to add to your ticket.";

const body = {
  margin: 0,
  padding: "24px 12px",
  backgroundColor: palette.page,
  fontFamily,
  color: palette.text,
};

const container = {
  maxWidth: "600px",
  ...wrapLongWords,
};

const brand = {
  margin: "0 0 12px",
  padding: "0 4px",
  fontSize: "15px",
  lineHeight: "20px",
  fontWeight: 700,
  color: palette.accent,
};

const card = {
  backgroundColor: palette.surface,
  border: `1px solid ${palette.border}`,
  borderRadius: "8px",
  padding: "28px 28px 12px",
};

const title = {
  margin: "0 0 16px",
  fontSize: "20px",
  lineHeight: "28px",
  fontWeight: 600,
  color: palette.text,
};

const footerText = {
  margin: "16px 0 0",
  padding: "0 4px",
  fontSize: "13px",
  lineHeight: "20px",
  color: palette.muted,
};
