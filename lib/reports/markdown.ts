import { FORMULA_START } from "@/lib/faults/csv";

// Text content only needs these three: without `<` no tag or autolink can start.
const HTML_ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/**
 * Operator- and endpoint-written text made inert for a Markdown document that a reviewer will
 * render or paste: HTML is escaped to entities (no `<img onerror>`, `<script>`, `<javascript:…>`
 * autolinks), the punctuation that builds links, images, code and emphasis is backslash-escaped
 * (so `[x](javascript:…)` stays text), line breaks become spaces, and a leading formula character
 * gets the same `'` as the CSV exports (tables get pasted into spreadsheets).
 */
export function mdText(v: string | null | undefined): string {
  const t = (v ?? "")
    .replace(/\r\n|\r|\n/g, " ")
    .replace(/[&<>]/g, (c) => HTML_ENTITY[c]!)
    .replace(/[\\`*_[\]!|~]/g, "\\$&");
  return FORMULA_START.test(t) ? `'${t}` : t;
}
