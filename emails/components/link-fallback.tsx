import { Link, Text } from "@react-email/components";
import { palette, paragraph, wrapLongWords } from "./email-theme";

/** Under a link's button: the same link as text, for mail clients that break buttons. */
export function LinkFallback({ url }: { url: string }) {
  return (
    <>
      <Text style={{ ...paragraph, fontSize: "14px", lineHeight: "22px", color: palette.muted, margin: "0 0 4px" }}>
        If the button does not work, copy this link into your browser:
      </Text>
      <Text style={{ ...paragraph, ...wrapLongWords, fontSize: "14px", lineHeight: "22px" }}>
        <Link href={url} style={{ color: palette.accent, textDecoration: "underline" }}>
          {url}
        </Link>
      </Text>
    </>
  );
}
