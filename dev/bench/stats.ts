/** Nearest-rank percentile (0–100) of an unsorted sample; NaN when empty. */
function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  return { n: values.length, p50: percentile(values, 50), p95: percentile(values, 95), max: values.length ? Math.max(...values) : Number.NaN };
}

/** `1.234 s` for durations in ms (`–` when unknown). */
export const seconds = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(3)} s` : "–");

/** `123.4 MB` (10^6 bytes) or `1.23 GB`. */
export function megabytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return "–";
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/** A Markdown table (header row, separator, rows). */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
