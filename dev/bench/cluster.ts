import crypto from "node:crypto";
import { rmSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { withClient } from "@/lib/db/with-client";
import { startEmbeddedPostgres } from "@/lib/db/embedded/server";
import { embeddedPaths } from "@/lib/db/embedded/paths";
import { migrate } from "@/lib/db/migrate";
import type { Teardown } from "./teardown";

export interface BenchCluster {
  /** Superuser URL of the `postgres` database (create/drop databases). */
  adminUrl: string;
  /** The cluster's data directory (its postmaster.pid names the server process). */
  pgDir: string;
  version: string;
}

/**
 * An embedded PostgreSQL 18 in a fresh temp dir, for one benchmark run. Its stop and the removal
 * of the temp dir are registered on `teardown` (also as an exit-time fallback).
 */
export async function startBenchCluster(label: string, teardown: Teardown): Promise<BenchCluster> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `faultline-bench-${label}-`));
  // mkdtemp makes 0700; PostgreSQL runs as `postgres` when we are root and must traverse it.
  await fs.chmod(dir, 0o755);
  teardown.atExit(() => rmSync(dir, { recursive: true, force: true }));
  teardown.add("temp dir", () => fs.rm(dir, { recursive: true, force: true }));
  const dataDir = path.join(dir, "embedded");
  const server = await startEmbeddedPostgres({ dataDir });
  teardown.add("PostgreSQL", () => server.stop());
  const admin = new URL(server.url);
  admin.pathname = "/postgres";
  const adminUrl = admin.toString();
  const version = await withClient(adminUrl, async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v);
  return { adminUrl, pgDir: embeddedPaths(dataDir).pgDir, version };
}

/** A fresh, migrated database on the cluster; returns its URL. */
export async function createBenchDatabase(cluster: BenchCluster, label: string): Promise<{ url: string; name: string }> {
  const name = `bench_${label.replace(/\W/g, "_").toLowerCase()}_${crypto.randomBytes(3).toString("hex")}`;
  await withClient(cluster.adminUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  const u = new URL(cluster.adminUrl);
  u.pathname = `/${name}`;
  await migrate(u.toString());
  return { url: u.toString(), name };
}

export async function dropBenchDatabase(cluster: BenchCluster, name: string): Promise<void> {
  await withClient(cluster.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
}
