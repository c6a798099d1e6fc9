/**
 * CSV text (RFC 4180) for spreadsheet exports. Pure: values in, text out.
 */

export type CsvValue = string | number | boolean | null | undefined;

// A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection"), and
// cause texts come from probed endpoints and API callers. OWASP's list adds tab and CR to = + - @.
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One field: empty for null/undefined, numbers and booleans as written, text defused (a leading
 * `'` before = + - @ tab CR) and quoted when it holds a comma, quote, CR or LF (quotes doubled).
 * Numbers are never prefixed: `-3` stays a number.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record: fields joined by commas, without the line break. */
export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(",");
}

/** A whole file: header line then records, each ended by CRLF as RFC 4180 asks. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [csvRow(header)];
  for (const row of rows) lines.push(csvRow(row));
  return lines.join("\r\n") + "\r\n";
}
