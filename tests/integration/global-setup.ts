import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/lib/db/embedded/server";
import { startDebianPostgres15 } from "../support/debian-postgres";
import { startMatrixHaproxy } from "../support/haproxy";
import { makeTempDir, removeDir } from "../support/temp-dir";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL (database `postgres`) of the run's embedded PostgreSQL 18. */
    pg18AdminUrl: string;
    /** Superuser URL (database `postgres`) of the run's Debian PostgreSQL 15. */
    pg15AdminUrl: string;
    /**
     * Runtime API (`unix:/…`) of the run's shared HAProxy, for tests that need a balancer to
     * answer but don't route traffic (role matrix): backend `matrix` (servers m1, m2, backup b1,
     * checked against closed ports, so they are DOWN).
     */
    matrixHaproxy: string;
  }
}

/**
 * One embedded PostgreSQL 18 and one Debian PostgreSQL 15 per test run, each in its own temp
 * dir on a free port; suites create fresh databases on them (tests/support/databases.ts).
 */
export default async function setup(project: TestProject) {
  const dir = await makeTempDir("it");
  const stops: Array<() => Promise<void>> = [];
  const teardown = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await removeDir(dir);
  };
  try {
    const pg18 = await startEmbeddedPostgres({ dataDir: `${dir}/embedded` });
    stops.push(() => pg18.stop());
    const u = new URL(pg18.url);
    u.pathname = "/postgres";
    project.provide("pg18AdminUrl", u.toString());

    const pg15 = await startDebianPostgres15(dir);
    stops.push(() => pg15.stop());
    project.provide("pg15AdminUrl", pg15.adminUrl);

    const haproxy = await startMatrixHaproxy(`${dir}/haproxy`);
    stops.push(() => haproxy.stop());
    project.provide("matrixHaproxy", haproxy.runtimeApi);
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}
