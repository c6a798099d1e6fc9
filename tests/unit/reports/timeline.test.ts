import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { ReliabilityQuery, resolveRange, TimelineQuery } from "@/lib/reports/schemas";
import { describeChange, faultEventCategory, mergeTimeline, timelineCsv, timelineMarkdown, type TimelineItem } from "@/lib/reports/timeline";

const item = (at: string, p: Partial<TimelineItem> = {}): TimelineItem => ({
  at,
  category: "FAULT",
  kind: "OPENED",
  service: "pay",
  subject: "F-1001",
  faultKey: "F-1001",
  actor: "poller",
  message: "down",
  ...p,
});

describe("incident timeline", () => {
  it("merges sources in time order and sorts fault events into categories", () => {
    const merged = mergeTimeline([item("2026-01-01T00:00:02.000Z")], [item("2026-01-01T00:00:01.000Z", { category: "CHANGE" })]);
    expect(merged.map((i) => i.category)).toEqual(["CHANGE", "FAULT"]);
    expect(["OPENED", "NOTE", "FAILOVER", "BALANCER", "POLICY"].map(faultEventCategory)).toEqual(["FAULT", "NOTE", "FAILOVER", "CHANGE", "CHANGE"]);
  });

  it("describes an audited weight/admin change by its changed fields", () => {
    expect(describeChange({ weight: 100, adminState: "READY" }, { weight: 0, adminState: "DRAIN" })).toBe("weight 100 → 0, adminState READY → DRAIN");
    expect(describeChange({ weight: 100 }, { weight: 100 })).toBe("");
  });

  it("exports Markdown with pipes and line breaks escaped, and CSV with defused formulas", () => {
    const md = timelineMarkdown([item("2026-01-01T00:00:00.000Z", { message: "a | b\nc" })], { from: "A", to: "B" });
    expect(md).toContain("| 2026-01-01T00:00:00.000Z | FAULT | OPENED | pay | F-1001 | poller | a \\| b c |");
    expect(md.split("\n")[0]).toBe("# Incident timeline A – B");
    const csv = timelineCsv([item("2026-01-01T00:00:00.000Z", { message: "=HYPERLINK()" })]).split("\r\n");
    expect(csv[0]).toBe("at,category,kind,service,subject,actor,message");
    expect(csv[1]).toBe("2026-01-01T00:00:00.000Z,FAULT,OPENED,pay,F-1001,poller,'=HYPERLINK()");
  });
});

describe("report query validation", () => {
  const now = Date.UTC(2026, 5, 1);
  it("defaults to the 30 days before now and clamps `to` at now", () => {
    expect(resolveRange({}, now)).toEqual({ from: now - 30 * 86_400_000, to: now });
    expect(resolveRange({ from: "2026-05-31T00:00:00Z", to: "2027-01-01T00:00:00Z" }, now).to).toBe(now);
  });

  it("names the field of bad input", () => {
    expect(() => resolveRange({ from: "2026-05-31T00:00:00Z", to: "2026-05-30T00:00:00Z" }, now)).toThrow(
      expect.objectContaining({ code: "VALIDATION", field: "from" }),
    );
    expect(() => resolveRange({ from: "2024-01-01T00:00:00Z" }, now)).toThrow(AppError);
    expect(ReliabilityQuery.safeParse({ serviceId: "nope" }).error?.issues[0]?.path).toEqual(["serviceId"]);
    expect(TimelineQuery.safeParse({ category: "FAULT,BOGUS" }).error?.issues[0]?.path[0]).toBe("category");
    expect(TimelineQuery.parse({ category: "fault,note" }).category).toEqual(["FAULT", "NOTE"]);
  });
});
