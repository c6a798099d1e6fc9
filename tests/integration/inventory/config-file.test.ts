import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadEnv } from "@/lib/config/env";
import { syncConfigFile } from "@/lib/fleet-file/config-file";
import { runConfigFileJob } from "@/lib/runtime/config-file-job";
import { auditMark, auditSince, call, startAuthWorld, type AuthWorld } from "../auth/harness";
import { eventually } from "../../support/eventually";
import { makeTempDir, removeDir } from "../../support/temp-dir";

/** FAULTLINE_CONFIG_FILE: applied at start and on change; what it lists is edited only there. */
describe("FAULTLINE_CONFIG_FILE", () => {
  let w: AuthWorld;
  let dir: string;
  let file: string;
  const yaml = (interval: number, extra = "") => `version: 1
services:
  - name: gitops
    checkDefaults: { kind: HTTP, path: /health, intervalMs: ${interval} }
    pools:
      - name: gitops-a
        role: ACTIVE
        instances:
          - { name: gitops-a-1, address: "127.0.0.1:41301" }${extra}
`;

  beforeAll(async () => {
    w = await startAuthWorld(inject("pg18AdminUrl"), "config_file");
    dir = await makeTempDir("config-file");
    file = path.join(dir, "faultline.yaml");
  });
  afterAll(async () => {
    await w?.close();
    await removeDir(dir);
  });

  it("applies the file once (audited as config-file), then not again until it changes; a bad version is reported and changes nothing", async () => {
    await writeFile(file, yaml(1000));
    const mark = await auditMark(w.prisma);
    expect(await syncConfigFile(w.prisma, { path: file, prune: false })).toBe("APPLIED");
    expect(await syncConfigFile(w.prisma, { path: file, prune: false })).toBe("UNCHANGED");
    const audit = await auditSince(w.prisma, mark);
    expect(audit.map((e) => e.action)).toEqual(["config.apply"]);
    expect(audit[0]!.actor).toContain("config-file");
    expect(await w.prisma.instance.findUniqueOrThrow({ where: { name: "gitops-a-1" } })).toMatchObject({ checkPath: "/health", checkIntervalMs: 1000 });

    // A broken edit: the fleet stays, the status says why (file:line:column).
    await writeFile(file, yaml(1000).replace('"127.0.0.1:41301"', '"nowhere"'));
    expect(await syncConfigFile(w.prisma, { path: file, prune: false })).toBe("FAILED");
    const status = (await call("/api/v1/status")).body as { configFile: { path: string; error: string; services: string[] } };
    expect(status.configFile).toMatchObject({ path: file, services: ["gitops"] });
    expect(status.configFile.error).toMatch(/faultline\.yaml:9:\d+ services\[0\]\.pools\[0\]\.instances\[0\]\.address: must be host:port/);
    expect(await w.prisma.instance.findUniqueOrThrow({ where: { name: "gitops-a-1" } })).toMatchObject({ address: "127.0.0.1:41301" });
    expect(await syncConfigFile(w.prisma, { path: file, prune: false })).toBe("UNCHANGED"); // not retried until it changes
  });

  it("refuses console and API edits of what it manages (service, pools, instances, checks, policy, another apply), pointing at the file", async () => {
    const svc = await w.prisma.service.findUniqueOrThrow({ where: { name: "gitops" }, include: { pools: { include: { instances: true } } } });
    const op = w.tokens.OPERATOR.secret;
    const refused = [
      await call(`/api/v1/services/${svc.id}`, { method: "PATCH", bearer: op, body: { owner: "me", reason: "t" } }),
      await call(`/api/v1/services/${svc.id}/pools`, { method: "POST", bearer: op, body: { name: "gitops-b", role: "STANDBY", reason: "t" } }),
      await call(`/api/v1/pools/${svc.pools[0]!.id}/instances`, {
        method: "POST",
        bearer: op,
        body: { name: "gitops-a-2", address: "127.0.0.1:1", reason: "t" },
      }),
      await call(`/api/v1/instances/${svc.pools[0]!.instances[0]!.id}`, { method: "PATCH", bearer: op, body: { check: { fall: 5 }, reason: "t" } }),
      await call(`/api/v1/services/${svc.id}/policy`, { method: "PATCH", bearer: op, body: { autoDrain: true, reason: "t" } }),
      await call("/api/v1/config/apply", { method: "POST", bearer: op, body: { file: yaml(3000), reason: "from my laptop" } }),
    ];
    for (const r of refused) {
      expect(r.status, JSON.stringify(r.body)).toBe(409);
      expect((r.body as { error: { message: string } }).error.message).toContain(`managed by ${file} (FAULTLINE_CONFIG_FILE): change it there`);
    }
    expect((await call(`/api/v1/services/${svc.id}`, { bearer: op })).body).toMatchObject({ managedBy: file });
  });

  it("the job applies a change on its next look, and a server without FAULTLINE_CONFIG_FILE releases the services", async () => {
    const env = loadEnv({ ...process.env, FAULTLINE_CONFIG_FILE: file, FAULTLINE_CONFIG_POLL_MS: "500" });
    await writeFile(file, yaml(1000));
    const stop = await runConfigFileJob(w.prisma, env);
    try {
      await writeFile(file, yaml(2000));
      await eventually(
        "the new interval",
        async () => (await w.prisma.instance.findUniqueOrThrow({ where: { name: "gitops-a-1" } })).checkIntervalMs === 2000,
        10_000,
        100,
      );
    } finally {
      await stop?.();
    }
    expect(await runConfigFileJob(w.prisma, loadEnv({ ...process.env, FAULTLINE_CONFIG_FILE: "" }))).toBeNull();
    const svc = await w.prisma.service.findUniqueOrThrow({ where: { name: "gitops" } });
    const edited = await call(`/api/v1/services/${svc.id}`, {
      method: "PATCH",
      bearer: w.tokens.OPERATOR.secret,
      body: { owner: "me", reason: "editable again" },
    });
    expect(edited.status).toBe(200);
  });
});
