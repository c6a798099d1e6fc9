// The PostgreSQL driver adapter factory handed to Prisma's schema engine (WASM): @prisma/adapter-pg
// plus the fixes the engine needs from it in 7.10 (each explained where it is made).
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
// A dependency of @prisma/adapter-pg (same version, pinned by it); not declared in package.json.
import {
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
} from "@prisma/driver-adapter-utils";
import pg from "pg";

// PostgreSQL's internal one-byte `"char"` type (OID 18) fills the catalog columns the engine reads
// when it describes a database (pg_class.relkind, pg_constraint.contype, …). adapter-pg has no
// column type for it and fails those queries ("Column type 'char' could not be deserialized from
// the database"), while the engine reads them as Character. So the pg client relabels the field
// as text (adapter-pg accepts it; pg already gives the value as a string) and notes its position
// on the rows array, and our queryRaw reports those columns as Character.
const PG_CHAR = 18;
const PG_TEXT = 25;
const CHAR_COLUMNS = Symbol("faultline.charColumns");
type MarkedRows = unknown[] & { [CHAR_COLUMNS]?: number[] };

function relabelCatalogChar<R>(result: R): R {
  for (const r of Array.isArray(result) ? result : [result]) {
    const res = r as Partial<pg.QueryResult> | undefined;
    const chars: number[] = [];
    res?.fields?.forEach((f, i) => {
      if (f.dataTypeID !== PG_CHAR) return;
      f.dataTypeID = PG_TEXT;
      chars.push(i);
    });
    if (chars.length && Array.isArray(res?.rows)) (res.rows as MarkedRows)[CHAR_COLUMNS] = chars;
  }
  return result;
}

/** A pg client whose results never carry the `"char"` type adapter-pg cannot map (see above). */
class CatalogCharClient extends pg.Client {
  // pg's query() has many overloads; pg-pool calls it with a callback, adapter-pg with none.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: unknown[]): any {
    const base = pg.Client.prototype.query as unknown as (this: pg.Client, ...a: unknown[]) => unknown;
    const last = args.at(-1);
    if (typeof last === "function") {
      const cb = last as (err: Error | null, res: unknown) => void;
      args[args.length - 1] = (err: Error | null, res: unknown) => cb(err, err ? res : relabelCatalogChar(res));
      return base.apply(this, args);
    }
    const ret = base.apply(this, args);
    return ret instanceof Promise ? ret.then(relabelCatalogChar) : ret;
  }
}

function reportCharColumns(queryable: SqlQueryable): void {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of (result.rows as MarkedRows)[CHAR_COLUMNS] ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
}

/** What adapter-pg itself throws for a PostgreSQL error, so the engine reports its message. */
function toDriverAdapterError(err: unknown): unknown {
  const e = err as Partial<pg.DatabaseError>;
  if (!(err instanceof Error) || typeof e.code !== "string" || !e.severity) return err;
  return new DriverAdapterError({
    kind: "postgres",
    code: e.code,
    severity: e.severity,
    message: err.message,
    detail: e.detail,
    column: e.column,
    hint: e.hint,
  });
}

/** Connection settings as an object: adapter-pg ignores `database` overrides on a connection string. */
function poolConfig(url: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)) || "postgres",
    // Idle connections must not keep a CLI alive after its work is done.
    allowExitOnIdle: true,
    Client: CatalogCharClient,
  };
}

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * A migration-aware adapter factory over @prisma/adapter-pg for the schema engine. It remembers
 * every connection it hands out so `disposeAll()` can close them (`engine.free()` does not), and
 * creates shadow databases itself: PrismaPg's `connectToShadowDb` drops the database before
 * closing its pool ("database … is being accessed by other users") and, built from a URL, points
 * the "shadow" pool at the main database (the URL wins over the `database` override).
 */
export class SchemaEnginePgFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName: string;
  private readonly config: pg.PoolConfig;
  private readonly open = new Set<SqlDriverAdapter>();

  constructor(url: string) {
    this.config = poolConfig(url);
    this.adapterName = new PrismaPg(this.config).adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return this.track(await new PrismaPg(this.config).connect());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await this.admin(`CREATE DATABASE "${name}"`);
    const adapter = await new PrismaPg({ ...this.config, database: name }).connect();
    const close = adapter.dispose.bind(adapter);
    // Close the pool first, then drop: PostgreSQL refuses to drop a database in use.
    adapter.dispose = async () => {
      await close();
      await this.admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    };
    return this.track(adapter);
  }

  /** Dispose every connection still open (idempotent; errors are ignored: we are cleaning up). */
  async disposeAll(): Promise<void> {
    const adapters = [...this.open];
    this.open.clear();
    await Promise.all(adapters.map((a) => a.dispose().catch(() => undefined)));
  }

  private track(adapter: PgAdapter): SqlDriverAdapter {
    reportCharColumns(adapter);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolation) => {
      const tx = await startTransaction(isolation);
      reportCharColumns(tx);
      return tx;
    };
    // adapter-pg runs a script by splitting it on every ";" — also inside comments, string
    // literals and plpgsql bodies — so hand-written migrations fail on the shadow database. Send
    // it whole instead: one simple-query message, which PostgreSQL runs as one transaction.
    const pool = adapter.underlyingDriver();
    adapter.executeScript = async (script: string) => {
      await pool.query(script).catch((err: unknown) => {
        throw toDriverAdapterError(err);
      });
    };
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (!this.open.delete(adapter)) return; // already disposed by the engine or by us
      await dispose();
    };
    this.open.add(adapter);
    return adapter;
  }

  private async admin(sql: string): Promise<void> {
    const client = new pg.Client(this.config);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}
