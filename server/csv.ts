import "server-only";

/** One cell of RFC 4180 CSV: quoted when it holds a comma, quote or line break; quotes doubled. */
export function csvCell(value: string | number | boolean | null): string {
  const text = value === null ? "" : String(value);
  // A text cell starting with =, +, - or @ runs as a formula in a spreadsheet, and so does one
  // behind a leading tab or carriage return (OWASP CSV injection): a quote makes each plain text.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === "string" ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows of cells as CSV text, CRLF line ends, the last line ended too. */
export function csvText(rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  return rows.map((row) => `${row.map(csvCell).join(",")}\r\n`).join("");
}
