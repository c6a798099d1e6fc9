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
  ["lib/config", "lib/errors", "lib/log", "lib/net", "lib/status", "lib/metrics"], // foundation: env, typed errors, logger, vocabulary
  ["lib/db", "lib/detection", "lib/secrets"], // the way into the database (and its outage tracking); pure detection rules; secrets sealed at rest
  ["lib/http"], // the HTTP boundary: one error mapping (including a lost database → 503), parsing
  ["lib/probes"], // health-check probes (HTTP, TCP, JSON body)
  ["lib/audit"], // audited(), the one audit writer, the catalogue
  ["lib/auth"], // actors, roles, sessions, API-token hashing; the gate records its refusals
  ["lib/users", "lib/tokens"], // accounts and API tokens
  ["lib/faults", "lib/maintenance", "lib/checks"], // fault records, maintenance windows, check history
  ["lib/reports"], // availability, MTTR/MTBF, SLO budgets
  ["lib/balancer"], // HAProxy: runtime client, desired state, observer, drift
  ["lib/failover"], // pre-flight, plan, run, verify, rollback
  ["lib/services"], // service read models and operator changes
  ["lib/inventory"], // services, pools, instances and their checks as operators create and remove them
  ["lib/fleet-file"], // the fleet as code: parse, plan, apply, export
  ["lib/policy", "lib/poller", "lib/notifications"], // automatic drain/failover; the health-check poller; notifications
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

const VALUE_IMPORT =
  /(?:^|\n)\s*(?:import|export)\s+(?!type\s)[^;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|(?:^|\n)\s*import\s+["']([^"']+)["']/g;

/** Resolve a repo-relative module path (no extension) to its file, if it is one of ours. */
function fileOf(target: string): string | undefined {
  for (const ext of [".ts", ".tsx", "/index.ts", "/index.tsx"]) if (fs.existsSync(path.join(ROOT, target + ext))) return target + ext;
  return undefined;
}

/**
 * What a browser bundle would pull in from `start`: every module reached through value imports
 * (type-only imports are erased), and the Node built-ins among them. Used instead of
 * `import "server-only"`, which throws outside Next (the worker, scripts and tests run these
 * modules under tsx/vitest).
 */
function browserClosure(start: string): { modules: Set<string>; builtins: Map<string, string> } {
  const modules = new Set<string>();
  const builtins = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const file = queue.pop()!;
    if (modules.has(file)) continue;
    modules.add(file);
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    for (const m of text.matchAll(VALUE_IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3]!;
      if (spec.startsWith("node:")) builtins.set(file, spec);
      const target = spec.startsWith("@/")
        ? spec.slice(2)
        : spec.startsWith(".")
          ? path.posix.normalize(path.posix.join(path.posix.dirname(file), spec))
          : undefined;
      const next = target && fileOf(target);
      if (next) queue.push(next);
    }
  }
  return { modules, builtins };
}

/** Modules that hold secrets, the database or server processes: never in a browser bundle. */
const SERVER_ONLY =
  /^lib\/(db|config|runtime|poller|policy|notifications|secrets|audit|auth\/(better-auth|resolve-actor|require-role|secret))\b|^lib\/log\.ts$/;

describe("client components stay off the server", () => {
  const clientFiles = [...sourceFiles("components"), ...sourceFiles("app"), ...sourceFiles("lib")].filter((f) =>
    /^\s*["']use client["']/.test(fs.readFileSync(path.join(ROOT, f), "utf8")),
  );

  it("finds the client components", () => {
    expect(clientFiles.length).toBeGreaterThan(20);
  });

  it('no "use client" module reaches a server-only module or a Node built-in through value imports', () => {
    const found: string[] = [];
    for (const file of clientFiles) {
      const { modules, builtins } = browserClosure(file);
      for (const m of modules) if (SERVER_ONLY.test(m)) found.push(`${file} reaches ${m}`);
      for (const [m, b] of builtins) found.push(`${file} reaches ${m}, which imports ${b}`);
    }
    expect([...new Set(found)]).toEqual([]);
  });
});

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
