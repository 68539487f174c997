/** RFC 4180 parsing (quoted cells may hold commas, quotes and line breaks), to read the export as a spreadsheet would. */
export function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted && c === '"' && csv[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ",") {
      row.push(cell);
      cell = "";
    } else if (!quoted && c === "\r" && csv[i + 1] === "\n") {
      rows.push([...row, cell]);
      row = [];
      cell = "";
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

/** Cells a spreadsheet would run as a formula. */
export const formulaCells = (csv: string) => parseCsv(csv).flat().filter((cell) => /^[=+\-@\t\r]/.test(cell));
