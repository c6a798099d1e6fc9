import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { exportFaults, FaultExportQuery } from "@/lib/faults/export-faults";
import { freshDatabase, type TestDatabase } from "../support/databases";

describe("fault export (PostgreSQL 18)", () => {
  let t: TestDatabase;
  const numbers: number[] = [];

  beforeAll(async () => {
    t = await freshDatabase(inject("pg18AdminUrl"), "fault_export");
    const service = await t.prisma.service.create({
      data: { name: "pay", pools: { create: { name: "pay-a", role: "ACTIVE", instances: { create: [{ name: "pay-a-1", address: "127.0.0.1:1" }] } } } },
      include: { pools: { include: { instances: true } } },
    });
    const instanceId = service.pools[0]!.instances[0]!.id;
    const t0 = Date.parse("2026-03-01T12:00:00Z");
    // 12 faults: even ones resolved, every third one mentions "disk".
    for (let n = 0; n < 12; n++) {
      const resolved = n % 2 === 0;
      const f = await t.prisma.fault.create({
        data: {
          type: n % 3 === 0 ? "MANUAL" : "HTTP_STATUS",
          status: resolved ? "RESOLVED" : "OPEN",
          serviceId: service.id,
          instanceId,
          startedAt: new Date(t0 + n * 60_000),
          detectedAt: new Date(t0 + n * 60_000 + 5_000),
          resolvedAt: resolved ? new Date(t0 + n * 60_000 + 90_000) : null,
          cause: n % 3 === 0 ? `disk full, "again" #${n}` : `503 #${n}`,
          source: "POLLER",
          fingerprint: `export-test:${n}`,
        },
      });
      numbers.push(f.number);
    }
  });
  afterAll(async () => {
    await t?.drop();
  });

  const q = (input: Record<string, string>) => FaultExportQuery.parse(input);

  it("exports the whole filtered set newest first, across batches", async () => {
    const all = await exportFaults(t.prisma, q({}), { batch: 5 });
    expect(all.truncated).toBe(false);
    expect(all.rows.map((r) => r.key)).toEqual([...numbers].reverse().map((n) => `F-${n}`));
    expect(all.rows.at(-1)).toMatchObject({ service: "pay", instance: "pay-a-1", durationSeconds: 90, status: "RESOLVED" });

    const open = await exportFaults(t.prisma, q({ status: "OPEN", q: "503" }), { batch: 2 });
    expect(open.rows).toHaveLength(4); // odd n, not a multiple of 3: 1, 5, 7, 11
    expect(open.rows.every((r) => r.status === "OPEN" && r.cause.startsWith("503"))).toBe(true);
  });

  it("cuts at the cap, keeping the newest, and says so", async () => {
    const capped = await exportFaults(t.prisma, q({}), { cap: 5, batch: 2 });
    expect(capped.truncated).toBe(true);
    expect(capped.rows.map((r) => r.key)).toEqual(
      [...numbers]
        .reverse()
        .slice(0, 5)
        .map((n) => `F-${n}`),
    );
    const exact = await exportFaults(t.prisma, q({ type: "MANUAL" }), { cap: 4 });
    expect(exact).toMatchObject({ truncated: false });
    expect(exact.rows).toHaveLength(4);
  });
});
