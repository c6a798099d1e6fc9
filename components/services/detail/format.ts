/** Class names and number formats shared by the service detail page's parts. */
export const card = "rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";
export const heading = "text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400";
export const muted = "text-slate-500 dark:text-slate-400";

/** Requests (or errors) per second: one decimal below 10, whole numbers above. */
export function perSecond(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  return n >= 10 ? n.toFixed(0) : n.toFixed(1);
}

/** A traffic share (0–1) as a percentage: `33.3 %`, `0 %`. */
export function percent(share: number): string {
  if (share === 0) return "0 %";
  if (share === 1) return "100 %";
  return `${(share * 100).toFixed(1)} %`;
}

/**
 * A fresh Idempotency-Key. crypto.randomUUID() exists only in secure contexts (https or
 * loopback); a console reached over plain http on a LAN name still needs a key, so fall back to
 * getRandomValues, which exists everywhere.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
