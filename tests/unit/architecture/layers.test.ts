import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The layers of Faultline, bottom first. A module may import only from a layer strictly below
 * its own (or from its own folder), so there are no cycles between rooms and nothing low knows
 * about anything high. Type-only imports count too: they are still knowledge of the layer above.
 * README "Architecture" draws the same table; change both together.
 */
const LAYERS: readonly (readonly string[])[] = [
  ["lib/generated", "package.json"], // Prisma client, generated; the package manifest (version)
  ["lib/config", "lib/errors", "lib/log", "lib/net", "lib/status"], // foundation: env, typed errors, logger, vocabulary
  ["lib/db", "lib/http", "lib/detection"], // database way in; HTTP boundary; pure detection rules
  ["lib/probes"], // health-check probes (HTTP, TCP, JSON body)
  ["lib/auth"], // actors, roles, sessions, API-token hashing
  ["lib/audit"], // audited(), the one audit writer, the catalogue
  ["lib/users", "lib/tokens"], // accounts and API tokens
  ["lib/faults", "lib/maintenance", "lib/checks"], // fault records, maintenance windows, check history
  ["lib/reports"], // availability, MTTR/MTBF, SLO budgets
  ["lib/balancer"], // HAProxy: runtime client, desired state, observer, drift
  ["lib/failover"], // pre-flight, plan, run, verify, rollback
  ["lib/services"], // service read models and operator changes
  ["lib/policy", "lib/poller"], // automatic drain/failover; the health-check poller
  ["lib/runtime"], // composition root of background work
  ["lib/queries"], // browser data hooks (react-query)
  ["components"], // React components
  ["app", "instrumentation.ts", "proxy.ts"], // routes and pages; server start
];

const ROOT = path.resolve(__dirname, "../../..");
const layerOf = new Map(LAYERS.flatMap((rooms, i) => rooms.map((room) => [room, i] as const)));

/** The room of a repo-relative path: `lib/<dir>` for lib, else its top-level entry. */
function roomOf(rel: string): string | undefined {
  const parts = rel.split("/");
  if (parts[0] === "lib") return parts.length > 2 ? `lib/${parts[1]}` : `lib/${parts[1]!.replace(/\.tsx?$/, "")}`;
  return parts[0];
}

function* sourceFiles(dir: string): Generator<string> {
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (rel !== "lib/generated") yield* sourceFiles(rel);
    } else if (/\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts")) yield rel;
  }
}

const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|(?:^|\n)\s*import\s+["']([^"']+)["']/g;

/** Repo-relative targets of a file's imports that point into the repo. */
function importsOf(rel: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, rel), "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2] ?? m[3]!;
    if (spec.startsWith("@/")) out.push(spec.slice(2));
    else if (spec.startsWith(".")) out.push(path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec)));
  }
  return out;
}

function violations(): string[] {
  const files = [...sourceFiles("lib"), ...sourceFiles("components"), ...sourceFiles("app"), "instrumentation.ts", "proxy.ts"];
  const found: string[] = [];
  for (const file of files) {
    const from = roomOf(file)!;
    const fromLayer = layerOf.get(from);
    if (fromLayer === undefined) {
      found.push(`${file}: room ${from} is not in the layer table`);
      continue;
    }
    for (const target of importsOf(file)) {
      const to = roomOf(target);
      if (!to || to === from || to === "dev") continue; // dev/ is kept out by eslint
      const toLayer = layerOf.get(to);
      if (toLayer === undefined) found.push(`${file} → ${target}: room ${to} is not in the layer table`);
      else if (toLayer >= fromLayer) found.push(`${file} (${from}, layer ${fromLayer}) → ${target} (${to}, layer ${toLayer})`);
    }
  }
  return found;
}

describe("layers", () => {
  it("every import points to a lower layer (no cycles between rooms)", () => {
    expect(violations()).toEqual([]);
  });

  it("reads imports the way the rule needs (a probe of the reader itself)", () => {
    expect(importsOf("tests/unit/architecture/layers.test.ts")).toEqual([]);
    expect(roomOf("lib/log.ts")).toBe("lib/log");
    expect(roomOf("lib/db/client.ts")).toBe("lib/db");
    expect(importsOf("lib/db/client.ts")).toContain("lib/generated/prisma/client");
    expect(importsOf("app/(console)/layout.tsx")).toContain("app/(console)/require-signed-in");
  });
});
