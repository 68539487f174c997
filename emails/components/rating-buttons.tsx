import { Button, Section, Text } from "@react-email/components";
import type { CSSProperties } from "react";
import { RATING_LINK_LIFETIME_DAYS } from "@/lib/rating-link-lifetime";
import { palette } from "./email-theme";

/**
 * "How did we do?" with one link per answer. Each link opens the rating page
 * with that answer chosen; the page records it once it has loaded in a
 * browser, so a mail scanner fetching the link rates nothing.
 */
export function RatingButtons({ good, bad }: { good: string; bad: string }) {
  return (
    <Section style={box}>
      <Text style={question}>How did we do?</Text>
      <Text style={hint}>One click tells us, within {RATING_LINK_LIFETIME_DAYS} days. You can add a comment on the next page.</Text>
      <Button href={good} style={{ ...button, ...goodButton }}>
        Good, I am satisfied
      </Button>
      <span style={gap}> </span>
      <Button href={bad} style={{ ...button, ...badButton }}>
        Bad, I am not satisfied
      </Button>
    </Section>
  );
}

const box: CSSProperties = {
  margin: "0 0 20px",
  padding: "14px 16px 16px",
  border: `1px solid ${palette.border}`,
  borderRadius: "6px",
};

const question: CSSProperties = { margin: "0 0 2px", fontSize: "16px", lineHeight: "24px", fontWeight: 600, color: palette.text };
const hint: CSSProperties = { margin: "0 0 12px", fontSize: "14px", lineHeight: "20px", color: palette.muted };
const gap: CSSProperties = { display: "inline-block", width: "8px" };

const button: CSSProperties = {
  borderRadius: "6px",
  padding: "9px 16px",
  margin: "0 0 6px",
  fontSize: "14px",
  lineHeight: "20px",
  fontWeight: 600,
  textDecoration: "none",
  border: "1px solid",
};

const goodButton: CSSProperties = { backgroundColor: palette.accentSoft, color: palette.accent, borderColor: palette.accent };
const badButton: CSSProperties = { backgroundColor: palette.dangerSoft, color: palette.danger, borderColor: palette.danger };
