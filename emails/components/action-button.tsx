import { Button, Section } from "@react-email/components";
import type { ReactNode } from "react";
import { palette } from "./email-theme";

/** The one call to action of an email: a solid accent-coloured button on its own row. */
export function ActionButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Section style={wrapper}>
      <Button href={href} style={button}>
        {children}
      </Button>
    </Section>
  );
}

const wrapper = { margin: "4px 0 20px" };

const button = {
  backgroundColor: palette.accent,
  color: palette.accentText,
  borderRadius: "6px",
  padding: "11px 20px",
  fontSize: "15px",
  lineHeight: "20px",
  fontWeight: 600,
  textDecoration: "none",
};
