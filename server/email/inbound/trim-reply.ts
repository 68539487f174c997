import "server-only";
import EmailReplyParser from "email-reply-parser";

/**
 * The new part of an emailed reply: the quoted history and the signature are
 * cut off, because the ticket thread already holds the history. First the
 * separators mail clients write above quoted history (Gmail and Apple Mail's
 * "On … wrote:", Outlook's "From: … Sent: …" block, "-----Original
 * Message-----"), then email-reply-parser for "> " quotes and signatures.
 * Trimming never leaves an empty message: if nothing would remain, the whole
 * text is kept. A forwarded email is kept whole: the forwarded part is the
 * content.
 */

const originalMessage = /^\s*-{2,}\s*(original message|urspr[üu]ngliche nachricht|message d'origine)\s*-{2,}\s*$/i;
const outlookSeparator = /^\s*_{10,}\s*$/;
const headerLine = (names: string) => new RegExp(`^\\s*\\*?(${names})\\s?:\\*?\\s*\\S`, "i");
const outlookFrom = headerLine("from|von|de|da|van|fra|från");
const outlookSentOrDate = headerLine("sent|date|gesendet|datum|envoyé|date d'envoi|enviado|inviato|verzonden|sendt|skickat");
// "On Tue, 4 Mar 2025 at 10:12, Jane <jane@x> wrote:", possibly wrapped onto a second line.
const onWrote = /^\s*(on|am|le|el|il|em|op|den)\s.{4,400}?(wrote|schrieb|a écrit|escribió|ha scritto|escreveu|schreef|skrev)\s*:\s*$/i;
const forwardMarker = /^[ \t]*(-{2,}[ \t]*forwarded message[ \t]*-{2,}|begin forwarded message[ \t]*:|-{2,}[ \t]*weitergeleitete nachricht[ \t]*-{2,})/im;
/**
 * email-reply-parser's patterns backtrack badly on long adversarial input, so
 * it sees at most this much: the new text is at the top, and more than a
 * stored message keeps (20,000 characters).
 */
const maxParsedCharacters = 32_000;

export function isForwarded(subject: string, text: string): boolean {
  return /^\s*(fwd?|fw|wg|tr)\s*:/i.test(subject) || forwardMarker.test(text);
}

export function trimReply(text: string, options: { forwarded?: boolean } = {}): string {
  const full = normalizeText(text);
  if (options.forwarded) return full;
  const beforeHistory = normalizeText(cutAtHistory(full)).slice(0, maxParsedCharacters);
  const visible = normalizeText(new EmailReplyParser().read(beforeHistory).getVisibleText());
  return visible || beforeHistory || full;
}

/** An "On <date>, <name> wrote:" line: it names a date, so it has a digit. */
function isAttribution(candidate: string): boolean {
  return onWrote.test(candidate) && /\d/.test(candidate);
}

/** Unix line ends, no trailing spaces, at most one blank line in a row. */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+$/, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Everything above the first history separator (all of it when there is none). */
function cutAtHistory(text: string): string {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.startsWith(">")) continue;
    if (originalMessage.test(line)) return lines.slice(0, i).join("\n");
    if (outlookFrom.test(line) && lines.slice(i + 1, i + 5).some((next) => outlookSentOrDate.test(next))) {
      const start = i > 0 && outlookSeparator.test(lines[i - 1] ?? "") ? i - 1 : i;
      return lines.slice(0, start).join("\n");
    }
    if (isAttribution(line) || isAttribution(`${line} ${lines[i + 1] ?? ""}`)) return lines.slice(0, i).join("\n");
  }
  return text;
}
