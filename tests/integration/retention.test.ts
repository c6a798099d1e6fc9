import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { pruneChecks } from "@/lib/poller/retention";
import { freshDatabase, type TestDatabase } from "../support/databases";

const HOUR = 3_600_000;

describe("retention", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(inject("pg18AdminUrl"), "retention");
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("keeps raw checks and traffic buckets for rawHours, failures and rollups for rollupDays", async () => {
    const now = new Date("2026-11-26T12:00:00Z");
    const ago = (h: number) => new Date(now.getTime() - h * HOUR);
    const service = await t.prisma.service.create({
      data: { name: "svc", pools: { create: { name: "p", role: "ACTIVE", instances: { create: { name: "i-1", address: "127.0.0.1:1" } } } } },
      include: { pools: { include: { instances: true } } },
    });
    const instanceId = service.pools[0]!.instances[0]!.id;
    await t.prisma.checkResult.createMany({
      data: [
        { instanceId, at: ago(1), ok: true }, // recent: kept
        { instanceId, at: ago(30), ok: true }, // old pass: pruned after 24 h
        { instanceId, at: ago(30), ok: false }, // old failure: kept (rollupDays)
        { instanceId, at: ago(30), ok: true, stateChange: true }, // old state change: kept
        { instanceId, at: ago(24 * 100), ok: false }, // older than rollupDays: pruned
      ],
    });
    await t.prisma.checkRollup.createMany({
      data: [
        { instanceId, minute: ago(30), count: 1, failures: 0 },
        { instanceId, minute: ago(24 * 100), count: 1, failures: 0 },
      ],
    });
    await t.prisma.trafficRollup.createMany({
      data: [
        { instanceId, at: ago(1), requests: 5, errors5xx: 0, sessionsMax: 1 },
        { instanceId, at: ago(30), requests: 5, errors5xx: 0, sessionsMax: 1 },
      ],
    });
    const pruned = await pruneChecks(t.prisma, { rawHours: 24, rollupDays: 90 }, now);
    expect(pruned).toMatchObject({ passing: 1, old: 1, rollups: 1, traffic: 1 });
    expect(await t.prisma.checkResult.count()).toBe(3);
    expect(await t.prisma.checkRollup.count()).toBe(1);
    expect((await t.prisma.trafficRollup.findMany()).map((r) => r.at.getTime())).toEqual([ago(1).getTime()]);
  });
});
