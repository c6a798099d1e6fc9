import { faultKey } from "./fingerprint";

export interface FaultView {
  id: string;
  key: string;
  number: number;
  type: string;
  status: "OPEN" | "ACKNOWLEDGED" | "RESOLVED";
  severity: "SEV1" | "SEV2" | "SEV3" | "SEV4";
  service: { id: string; name: string };
  instance: { id: string; name: string; address: string } | null;
  parent: { id: string; key: string } | null;
  startedAt: string;
  detectedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  /** resolvedAt (or now, while open) − startedAt. */
  durationMs: number;
  cause: string;
  resolution: string | null;
  source: string;
  flapping: boolean;
  flapCount: number;
  /** Postmortem: filled in by operators after the incident. */
  impactSummary: string | null;
  rootCauseCategory: string | null;
  actionItems: { text: string; done: boolean }[];
  postmortemAt: string | null;
}

export interface FaultEventView {
  id: string;
  at: string;
  kind: string;
  actor: string;
  message: string;
  data: unknown;
}

type Row = {
  id: string;
  number: number;
  type: string;
  status: FaultView["status"];
  severity: FaultView["severity"];
  startedAt: Date;
  detectedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  cause: string;
  resolution: string | null;
  source: string;
  flapping: boolean;
  flapCount: number;
  impactSummary: string | null;
  rootCauseCategory: string | null;
  actionItems: unknown;
  postmortemAt: Date | null;
  service: { id: string; name: string };
  instance: { id: string; name: string; address: string } | null;
  parent: { id: string; number: number } | null;
};

export const faultInclude = {
  service: { select: { id: true, name: true } },
  instance: { select: { id: true, name: true, address: true } },
  parent: { select: { id: true, number: true } },
} as const;

export function toFaultView(f: Row, now = new Date()): FaultView {
  return {
    id: f.id,
    key: faultKey(f.number),
    number: f.number,
    type: f.type,
    status: f.status,
    severity: f.severity,
    service: f.service,
    instance: f.instance,
    parent: f.parent ? { id: f.parent.id, key: faultKey(f.parent.number) } : null,
    startedAt: f.startedAt.toISOString(),
    detectedAt: f.detectedAt.toISOString(),
    acknowledgedAt: f.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: f.acknowledgedBy,
    resolvedAt: f.resolvedAt?.toISOString() ?? null,
    resolvedBy: f.resolvedBy,
    durationMs: (f.resolvedAt ?? now).getTime() - f.startedAt.getTime(),
    cause: f.cause,
    resolution: f.resolution,
    source: f.source,
    flapping: f.flapping,
    flapCount: f.flapCount,
    impactSummary: f.impactSummary,
    rootCauseCategory: f.rootCauseCategory,
    actionItems: Array.isArray(f.actionItems) ? (f.actionItems as FaultView["actionItems"]) : [],
    postmortemAt: f.postmortemAt?.toISOString() ?? null,
  };
}
