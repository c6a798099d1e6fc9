/** "2026-11-26 13:56:24Z" — compact UTC for tables (reviewers compare across time zones). */
export function utc(iso: string | null | undefined): string {
  return iso ? iso.replace("T", " ").replace(/\.\d+Z$/, "Z") : "—";
}
