import fs from "node:fs/promises";
import { z } from "zod";
import { embeddedPaths } from "./paths";

const ConnectionFileSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  user: z.string(),
  database: z.string(),
  /** The Faultline process that owns the running cluster. */
  ownerPid: z.number().int().optional(),
});
export type ConnectionInfo = z.infer<typeof ConnectionFileSchema>;

/** Read the connection details the embedded server wrote, or undefined if absent/invalid. */
export async function readConnectionFile(dataDir: string): Promise<ConnectionInfo | undefined> {
  const text = await fs.readFile(embeddedPaths(dataDir).connectionFile, "utf8").catch(() => undefined);
  if (!text) return undefined;
  try {
    const parsed = ConnectionFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // a torn write: treat as absent, the server rewrites it on start
  }
}

export async function writeConnectionFile(dataDir: string, info: ConnectionInfo): Promise<void> {
  await fs.writeFile(embeddedPaths(dataDir).connectionFile, JSON.stringify(info, null, 2) + "\n", { mode: 0o600 });
}

/**
 * The URL another local process (worker, CLI, demo seeder) uses to reach a running embedded
 * server: connection file + password file. Undefined when no server has written them.
 */
export async function embeddedUrlFromFiles(dataDir: string): Promise<string | undefined> {
  const info = await readConnectionFile(dataDir);
  const password = await fs.readFile(embeddedPaths(dataDir).passwordFile, "utf8").catch(() => "");
  if (!info || !password.trim()) return undefined;
  return `postgresql://${info.user}:${encodeURIComponent(password.trim())}@${info.host}:${info.port}/${info.database}`;
}
