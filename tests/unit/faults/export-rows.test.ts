import { describe, expect, it } from "vitest";
import { EXPORT_COLUMNS, exportCsv, FaultExportQuery, toExportRow } from "@/lib/faults/export-faults";
import type { FaultView } from "@/lib/faults/view";
import { attachment } from "@/lib/http/respond";

const fault: FaultView = {
  id: "0196f0c2-0000-7000-8000-000000000001",
  key: "F-1042",
  number: 1042,
  type: "HTTP_STATUS",
  status: "RESOLVED",
  severity: "SEV3",
  service: { id: "s", name: "checkout" },
  instance: { id: "i", name: "checkout-blue-2", address: "127.0.0.1:18102" },
  parent: null,
  startedAt: "2026-03-01T12:00:00.000Z",
  detectedAt: "2026-03-01T12:00:05.000Z",
  acknowledgedAt: null,
  acknowledgedBy: null,
  resolvedAt: "2026-03-01T12:02:07.900Z",
  resolvedBy: "poller",
  durationMs: 127_900,
  cause: "GET http://127.0.0.1:18102/healthz → 503 Service Unavailable in 3 ms (2 consecutive failures since 12:00:00Z)",
  resolution: "=cmd|' /C calc'!A0",
  source: "POLLER",
  flapping: false,
  flapCount: 0,
  impactSummary: null,
  rootCauseCategory: null,
  actionItems: [],
  postmortemAt: null,
};

describe("fault export rows", () => {
  it("flattens a fault into the export columns, with whole seconds", () => {
    const row = toExportRow(fault);
    expect(Object.keys(row)).toEqual([...EXPORT_COLUMNS]);
    expect(row).toMatchObject({ key: "F-1042", service: "checkout", instance: "checkout-blue-2", durationSeconds: 127, acknowledgedAt: null, flapping: false });
    expect(toExportRow({ ...fault, instance: null }).instance).toBeNull();
  });

  it("writes CSV with the header, RFC 4180 quoting and defused formulas", () => {
    const lines = exportCsv([toExportRow(fault)]).split("\r\n");
    expect(lines[0]).toBe(
      "key,status,severity,service,instance,type,startedAt,detectedAt,acknowledgedAt,resolvedAt,durationSeconds,cause,resolution,source,flapping",
    );
    expect(lines[1]).toBe(
      "F-1042,RESOLVED,SEV3,checkout,checkout-blue-2,HTTP_STATUS,2026-03-01T12:00:00.000Z,2026-03-01T12:00:05.000Z,,2026-03-01T12:02:07.900Z,127," +
        "GET http://127.0.0.1:18102/healthz → 503 Service Unavailable in 3 ms (2 consecutive failures since 12:00:00Z)," +
        "'=cmd|' /C calc'!A0,POLLER,false",
    );
    expect(lines[2]).toBe("");
  });

  it("accepts the list's filters plus a format, csv by default", () => {
    expect(FaultExportQuery.parse({ status: "open,acknowledged" })).toEqual({ status: ["OPEN", "ACKNOWLEDGED"], format: "csv" });
    expect(FaultExportQuery.parse({ format: "json" }).format).toBe("json");
    expect(FaultExportQuery.safeParse({ format: "xlsx" }).success).toBe(false);
  });
});

describe("attachment", () => {
  it("answers a download with its type, file name and extra headers, not cached", async () => {
    const res = attachment("a,b\r\n", { filename: "faults-x.csv", contentType: "text/csv; charset=utf-8", headers: { "x-truncated": "true" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="faults-x.csv"');
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-truncated")).toBe("true");
    expect(await res.text()).toBe("a,b\r\n");
  });
});
