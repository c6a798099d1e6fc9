import { ConfigError } from "@/lib/config/env";
import { StartupError } from "@/lib/errors/startup-error";

/**
 * Print a startup failure as one line (no stack trace) and exit non-zero. Known errors carry an
 * operator-facing message; anything else is reported by its first line, with the stack only when
 * FAULTLINE_DEBUG is set.
 */
export function exitWithStartupError(err: unknown, program = "faultline"): never {
  const known = err instanceof StartupError || err instanceof ConfigError;
  const line = String((err as Error)?.message ?? err).split("\n")[0];
  process.stderr.write(`${program}: ${known ? "" : "startup failed: "}${line}\n`);
  if (!known && process.env.FAULTLINE_DEBUG) process.stderr.write(`${(err as Error)?.stack}\n`);
  process.exit(1);
}
