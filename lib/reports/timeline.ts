/**
 * The incident-review timeline: fault events, failovers and fleet changes from the audit log,
 * merged in time order, and its Markdown/CSV exports. Pure and browser-safe.
 */
import { toCsv } from "@/lib/faults/csv";

/** Timeline categories (zod-free here so browser code lists them without bundling zod). */
export const TIMELINE_CATEGORIES = ["FAULT", "FAILOVER", "CHANGE", "NOTE"] as const;
export type TimelineCategory = (typeof TIMELINE_CATEGORIES)[number];

export interface TimelineItem {
  /** ISO-8601 UTC. */
  at: string;
  category: TimelineCategory;
  /** FaultEvent kind (OPENED…), FAILOVER/FAILBACK, or the audit action (instance.update…). */
  kind: string;
  service: string | null;
  /** What it happened to: a fault key, an instance, a pool move. */
  subject: string | null;
  /** The fault to link to (F-1042), if any. */
  faultKey: string | null;
  actor: string;
  message: string;
}

/** Fault events by kind: notes and fleet actions get their own category, the rest is the fault's life. */
export function faultEventCategory(kind: string): TimelineCategory {
  if (kind === "NOTE") return "NOTE";
  if (kind === "FAILOVER") return "FAILOVER";
  if (kind === "BALANCER" || kind === "POLICY") return "CHANGE";
  return "FAULT";
}

/**
 * Audit actions the timeline shows, by prefix. Failovers come from the Failover table (with their
 * state and trigger), so `service.failover`-style audit entries are not repeated here; fault edits
 * are already fault events.
 */
export const TIMELINE_AUDIT_PREFIXES = ["instance.", "maintenance."] as const;

const show = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));

/** `weight 100 → 0, adminState READY → DRAIN`: the fields an audited change altered. */
export function describeChange(before: unknown, after: unknown): string {
  const b = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  return keys.map((k) => `${k} ${show(b[k])} → ${show(a[k])}`).join(", ");
}

/** Merge already-built items from several sources, oldest first (stable for equal times). */
export function mergeTimeline(...sources: readonly TimelineItem[][]): TimelineItem[] {
  return sources.flat().sort((x, y) => x.at.localeCompare(y.at));
}

const TIMELINE_COLUMNS = ["at", "category", "kind", "service", "subject", "actor", "message"] as const;

export function timelineCsv(items: readonly TimelineItem[]): string {
  return toCsv(
    TIMELINE_COLUMNS,
    items.map((i) => TIMELINE_COLUMNS.map((c) => i[c])),
  );
}

// A pipe or line break inside a cell would break the Markdown table.
const mdCell = (v: string | null) => (v ?? "").replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/** A Markdown document: heading with the window, then one table row per event. */
export function timelineMarkdown(items: readonly TimelineItem[], window: { from: string; to: string; service?: string | null }): string {
  const head = [
    `# Incident timeline ${window.from} – ${window.to}`,
    "",
    `${items.length} event${items.length === 1 ? "" : "s"}${window.service ? ` of ${window.service}` : " across all services"}; times in UTC.`,
    "",
    "| Time (UTC) | Category | Kind | Service | Subject | Actor | What |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  const rows = items.map((i) => `| ${[i.at, i.category, i.kind, i.service, i.subject, i.actor, i.message].map(mdCell).join(" | ")} |`);
  return [...head, ...rows, ""].join("\n");
}
