// `npm run db:diff -- <name>`: write the next migration (prisma/schema.prisma vs. the migrations).
import path from "node:path";
import { parseArgs } from "node:util";
import { diffSchema, writeMigration } from "@/dev/db-diff/schema-diff";
import { MIGRATIONS_DIR } from "@/lib/db/migrate";

const HELP = `Usage: npm run db:diff -- <name> [--print]

Computes the SQL that takes a database with every migration in prisma/migrations applied to
prisma/schema.prisma (Prisma's schema engine, WASM, against a throwaway embedded PostgreSQL),
and writes it to prisma/migrations/<UTC timestamp>_<name>/migration.sql.

  <name>      lower-case letters, digits and _ (e.g. add_fault_labels)
  --print     print the SQL to stdout instead of writing a file (<name> optional)
  -h, --help  show this help

Prints "no schema changes" and writes nothing when the schema matches the migrations.
Review the file before committing it; hand-written SQL (partial indexes, checks, triggers) goes
into a migration under a "-- Hand-written" header.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { print: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length > 1) throw new Error(`expected one migration name, got ${positionals.length}: ${positionals.join(" ")}`);
  const name = positionals[0];
  if (name === undefined && !values.print) throw new Error("missing migration name: npm run db:diff -- <name> (see --help)");
  if (name !== undefined && !/^[a-z0-9_]+$/.test(name)) {
    throw new Error(`invalid migration name "${name}": use lower-case letters, digits and _ only`);
  }

  const started = Date.now();
  const diff = await diffSchema();
  const summary = [...diff.steps].map(([kind, n]) => `${kind} ${n}`).join(", ");
  if (!diff.sql) {
    (values.print ? console.error : console.log)("no schema changes");
    return 0;
  }
  if (values.print) {
    process.stdout.write(diff.sql);
    console.error(`-- ${summary}`);
    warnHandWritten(diff.dropsHandWritten);
    return 0;
  }
  const file = await writeMigration(MIGRATIONS_DIR, name!, diff.sql);
  console.log(path.relative(process.cwd(), file));
  console.log(`${summary} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const drops = diff.sql.match(/^\s*(DROP|ALTER TABLE .* DROP) /gim)?.length ?? 0;
  if (drops) console.log(`review: ${drops} statement(s) drop something`);
  warnHandWritten(diff.dropsHandWritten);
  return 0;
}

function warnHandWritten(names: string[]): void {
  if (!names.length) return;
  console.error(
    `warning: the script drops hand-written objects of earlier migrations: ${names.join(", ")}; ` +
      "delete those statements unless that is the intent (the schema engine does not know them)",
  );
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`db:diff: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
    process.exit(1);
  },
);
