import { errLine } from "@/lib/log";
import { describeCounts, quietLogs, Teardown } from "./teardown";

/** An integer CLI option in [min, max], or an error naming the flag. */
export function intArg(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name}: expected an integer ${min}–${max}, got "${raw}"`);
  return n;
}

/**
 * The frame every `npm run bench:*` shares: `--help`, quiet app logs (counted and listed at the
 * end unless the benchmark prints them itself), one Teardown that also runs on Ctrl-C, exit 0
 * whatever the figures say, exit 1 with the reason when the benchmark itself breaks.
 */
export function runBench<C extends { help: boolean }>(
  label: string,
  help: string,
  parseCli: () => C,
  run: (cli: C, teardown: Teardown, warnings: Map<string, number>) => Promise<void>,
  o: { printsWarnings?: boolean } = {},
): void {
  const main = async () => {
    const cli = parseCli();
    if (cli.help) {
      console.log(help);
      return;
    }
    const warnings = quietLogs();
    const teardown = new Teardown();
    teardown.onSignals();
    try {
      await run(cli, teardown, warnings);
      if (!o.printsWarnings) for (const w of describeCounts(warnings)) console.log(`  app warning: ${w}`);
    } finally {
      await teardown.run();
    }
  };
  main().then(
    () => process.exit(0),
    (err: Error) => {
      // One line (a bad flag is not a crash); the stack only when asked for.
      console.error(`bench:${label} failed: ${process.env.LOG_LEVEL === "debug" ? (err.stack ?? errLine(err)) : errLine(err)}`);
      process.exit(1);
    },
  );
}
