// Prisma's schema engine as WebAssembly (@prisma/schema-engine-wasm): the Prisma CLI's native
// engine cannot be downloaded here, this one runs offline over a driver adapter.
import fs from "node:fs/promises";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { SchemaEnginePgFactory } from "@/dev/db-diff/schema-engine-pg";

export type { SchemaEngine };

// The package entry (`schema_engine.js`) imports the .wasm as an ES module, which Node 20 cannot do
// without --experimental-wasm-modules; we instantiate the same bindings by hand instead.
// Resolved from the working directory (not import.meta.url) so it also works from a bundle.
const WASM_PATH = path.join(process.cwd(), "node_modules/@prisma/schema-engine-wasm/schema_engine_bg.wasm");

// The bindings keep one wasm instance in module state and a second instantiation panics, so the
// load is shared by every copy of this module in the process (vitest, Next.js bundles).
const STATE = Symbol.for("faultline.schemaEngineWasm");

interface EngineState {
  loaded?: Promise<typeof bindings>;
  /** Message of the last Rust panic; once set, the instance is not used again. */
  panic?: string;
}

type EngineGlobal = typeof globalThis & {
  [STATE]?: EngineState;
  // The bindings report a Rust panic's message here, then throw a bare `RuntimeError: unreachable`.
  PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void };
};

function state(): EngineState {
  const g = globalThis as EngineGlobal;
  const s = (g[STATE] ??= {});
  g.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message) => void (s.panic = message) };
  return s;
}

async function loadBindings(): Promise<typeof bindings> {
  const s = state();
  if (s.panic) throw new Error(`the schema engine panicked earlier in this process (${s.panic}); restart it`);
  s.loaded ??= (async () => {
    const bytes = await fs.readFile(WASM_PATH);
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return s.loaded;
}

/**
 * Reject when the engine panics: the panic is thrown from a wasm callback, outside the promise the
 * engine returned (which then never settles), so without this the process would crash or hang.
 */
function panicGuard(): { panicked: Promise<never>; release(): void } {
  let fail: (err: Error) => void = () => undefined;
  const panicked = new Promise<never>((_, reject) => (fail = reject));
  panicked.catch(() => undefined);
  const onUncaught = (err: Error) => {
    // The bindings record the panic message just before the trap.
    const panic = err instanceof WebAssembly.RuntimeError ? state().panic : undefined;
    if (panic) return fail(new Error(`schema engine panicked: ${panic.replace(/\s+/g, " ")}`));
    // Not ours: leave it to the process's other handlers, or crash as Node would without us.
    if (process.listenerCount("uncaughtException") === 1) throw err;
  };
  process.on("uncaughtException", onUncaught);
  return { panicked, release: () => void process.off("uncaughtException", onUncaught) };
}

/**
 * Run `fn` with a Prisma schema engine whose connections go to the PostgreSQL server at `url`
 * (shadow databases are created on the same server, so the role needs CREATEDB). Frees the engine
 * and closes every connection afterwards, also when `fn` throws.
 */
export async function withSchemaEngine<T>(url: string, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const { SchemaEngine: Engine } = await loadBindings();
  const factory = new SchemaEnginePgFactory(url);
  const guard = panicGuard();
  try {
    // The engine expects the error-capturing wrapper the Prisma client also uses ({ ok, value|error }).
    const bound = bindMigrationAwareSqlAdapterFactory(factory);
    // The callback receives the engine's JSON log lines; nothing in them is needed here.
    const engine = await Promise.race([Engine.new({ datamodels: undefined }, () => undefined, bound), guard.panicked]);
    try {
      return await Promise.race([fn(engine), guard.panicked]);
    } finally {
      if (!state().panic) engine.free();
    }
  } finally {
    guard.release();
    await factory.disposeAll();
  }
}

/**
 * One line from an engine error: the message without the Rust span trace the engine appends
 * ("   0: schema_engine_wasm::…").
 */
export function engineErrorMessage(err: unknown): string {
  const panic = err instanceof WebAssembly.RuntimeError ? state().panic : undefined;
  if (panic) return `schema engine panicked: ${panic.replace(/\s+/g, " ")}`;
  const text = err instanceof Error ? err.message : String(err);
  const lines: string[] = [];
  for (const line of text.split("\n")) {
    if (/^\s*\d+: /.test(line)) break;
    if (line.trim()) lines.push(line.trim());
  }
  return lines.join(" ") || "schema engine failed";
}
